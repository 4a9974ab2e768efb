package io.flowdesk.app.approval;

import io.flowdesk.app.change.conflict.ChangeAuthorizationGate;
import io.flowdesk.app.forms.FormRenderer;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.inbox.TaskInbox;
import io.flowdesk.app.request.RequestAnswers;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.request.RequestRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My approvals": what waits for the signed-in person's decision, whatever their role (managers,
 * application owners, CAB members decide here; agents may also use their inbox). The detail shows
 * what is asked, by whom, the record and the requester's answers, with the deployed approval form
 * and a delegation form; every decision goes through {@link ApprovalDesk}.
 */
@Controller
@RequestMapping("/portal/approvals")
@PreAuthorize("isAuthenticated()")
class MyApprovalsController {

  private final ApprovalDesk desk;
  private final RequestRecords requests;
  private final RequestAnswers answers;
  private final TaskInbox tasks;
  private final Directory directory;
  private final Viewers viewers;
  private final FormRenderer renderer;
  private final FormValidator validator;
  private final ApprovalForms forms;
  private final ChangeAuthorizationGate changeAuthorizations;

  MyApprovalsController(
      final ApprovalDesk desk,
      final RequestRecords requests,
      final RequestAnswers answers,
      final TaskInbox tasks,
      final Directory directory,
      final Viewers viewers,
      final FormRenderer renderer,
      final FormValidator validator,
      final ApprovalForms forms,
      final ChangeAuthorizationGate changeAuthorizations) {
    this.changeAuthorizations = changeAuthorizations;
    this.desk = desk;
    this.requests = requests;
    this.answers = answers;
    this.tasks = tasks;
    this.directory = directory;
    this.viewers = viewers;
    this.renderer = renderer;
    this.validator = validator;
    this.forms = forms;
  }

  @GetMapping
  String list(final Model model) {
    final List<ApprovalTask> open = desk.open(viewer());
    final Map<String, String> names = new HashMap<>();
    directory
        .byUsername(open.stream().map(task -> task.approval().requester()).toList())
        .forEach((username, person) -> names.put(username, person.displayName()));
    model.addAttribute("approvals", open);
    model.addAttribute("names", names);
    return "portal/approvals";
  }

  /** Read from the records alone: who is asked and what, without asking the engine. */
  @GetMapping("/{id}")
  String detail(@PathVariable final long id, final Model model) {
    final Approval approval = desk.awaiting(viewer(), id);
    show(model, approval, form(forms.of(approval)), Optional.empty());
    return "portal/approval";
  }

  @PostMapping("/{id}")
  String decide(
      @PathVariable final long id,
      @RequestParam final MultiValueMap<String, String> post,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final ApprovalTask open = desk.find(viewer, id);
    final FormSchema form = form(tasks.form(open.task()));
    final FormSubmission submission =
        validator.validate(
            form,
            ApprovalForms.variables(open.approval()),
            ChangeAuthorizationGate.formFields(post));
    if (submission instanceof FormSubmission.Invalid invalid) {
      return refused(model, response, open.approval(), form, invalid);
    }
    final Map<String, Object> decided = ((FormSubmission.Valid) submission).variables();
    try {
      desk.decide(
          viewer,
          open.task(),
          text(decided.get("decision")),
          text(decided.get("comment")),
          post.getFirst(ChangeAuthorizationGate.OVERRIDE_REASON));
    } catch (UnresolvedConflictsException e) {
      final String refusal =
          refused(
              model, response, open.approval(), form, new FormSubmission.Invalid(Map.of(), post));
      model.addAttribute("overrideError", e.getMessage());
      model.addAttribute("overrideReason", post.getFirst(ChangeAuthorizationGate.OVERRIDE_REASON));
      return refusal;
    } catch (InvalidDecisionException e) {
      return refused(
          model,
          response,
          open.approval(),
          form,
          new FormSubmission.Invalid(Map.of(e.field(), e.getMessage()), post));
    }
    redirect.addFlashAttribute(
        "flash",
        switch (String.valueOf(decided.get("decision"))) {
              case "approve" -> "Approved";
              case "abstain" -> "Abstained from";
              default -> "Rejected";
            }
            + " \u201c"
            + open.approval().subject()
            + "\u201d.");
    return "redirect:/portal/approvals";
  }

  @PostMapping("/{id}/delegation")
  String delegate(
      @PathVariable final long id,
      @RequestParam(defaultValue = "") final String delegate,
      @RequestParam(defaultValue = "") final String reason,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    try {
      desk.delegate(viewer, id, delegate, reason);
    } catch (InvalidDecisionException e) {
      final Approval approval = desk.awaiting(viewer, id);
      show(model, approval, form(forms.of(approval)), Optional.empty());
      model.addAttribute("delegateError", Map.of(e.field(), e.getMessage()));
      model.addAttribute("delegateInput", delegate);
      model.addAttribute("reasonInput", reason);
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return "portal/approval";
    }
    redirect.addFlashAttribute("flash", "Delegated to " + delegate.strip() + ".");
    return "redirect:/portal/approvals";
  }

  private String refused(
      final Model model,
      final HttpServletResponse response,
      final Approval approval,
      final FormSchema form,
      final FormSubmission.Invalid invalid) {
    show(model, approval, form, Optional.of(invalid));
    response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
    return "portal/approval";
  }

  private void show(
      final Model model,
      final Approval approval,
      final FormSchema form,
      final Optional<FormSubmission.Invalid> invalid) {
    final Map<String, Object> variables = ApprovalForms.variables(approval);
    final Map<String, Person> people =
        directory.byUsername(List.of(approval.requester(), approval.requestedFor()));
    model.addAttribute("approval", approval);
    model.addAttribute("requesterName", name(people, approval.requester()));
    model.addAttribute("requestedForName", name(people, approval.requestedFor()));
    model.addAttribute("answers", answers(approval));
    model.addAttribute(
        "changeAuthorization", changeAuthorizations.ofRecord(approval.recordNumber()).orElse(null));
    model.addAttribute(
        "form",
        invalid
            .map(refused -> renderer.render(form, variables, refused))
            .orElseGet(() -> renderer.render(form, variables)));
    model.addAttribute("delegateError", Map.of());
    model.addAttribute("delegateInput", "");
    model.addAttribute("reasonInput", "");
  }

  /**
   * What the requester answered, read from the request the approval is about; nothing for an
   * approval of another kind of record (the approver then judges the subject alone).
   */
  private List<RequestAnswers.Line> answers(final Approval approval) {
    return requests.findByNumber(approval.recordNumber()).map(answers::of).orElse(List.of());
  }

  private static FormSchema form(final Optional<FormSchema> deployed) {
    return deployed.orElseThrow(
        () ->
            new ResponseStatusException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The approval form is not deployed; an administrator deploys forms/approval.form."));
  }

  private static String name(final Map<String, Person> people, final String username) {
    return username == null
        ? null
        : Optional.ofNullable(people.get(username)).map(Person::displayName).orElse(username);
  }

  private static String text(final Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private Viewer viewer() {
    return viewers
        .current()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first."));
  }
}
