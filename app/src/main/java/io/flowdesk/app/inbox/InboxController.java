package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.approval.ApprovalTask;
import io.flowdesk.app.approval.InvalidDecisionException;
import io.flowdesk.app.change.conflict.ChangeAuthorizationGate;
import io.flowdesk.app.forms.FormRenderer;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.ListParams;
import io.flowdesk.app.request.RequestAnswers;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.record.SavedFilters;
import io.flowdesk.domain.request.Request;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
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
 * The agents' inbox pages: the task list, and a task's page with its Camunda form, rendered and
 * validated on the server, completed through the engine's REST API.
 */
@Controller
@RequestMapping("/inbox")
class InboxController {

  static final String LIST = "inbox";
  // Longer text filters are cut: nobody types more, and every task is compared with it.
  private static final int MAX_TEXT = 200;

  private final TaskInbox inbox;
  private final TaskRecords records;
  private final Directory directory;
  private final Viewers viewers;
  private final FormRenderer renderer;
  private final FormValidator validator;
  private final RequestAnswers answers;
  private final Assignments assignments;
  private final SavedFilters savedFilters;

  InboxController(
      final TaskInbox inbox,
      final TaskRecords records,
      final Directory directory,
      final Viewers viewers,
      final FormRenderer renderer,
      final FormValidator validator,
      final RequestAnswers answers,
      final Assignments assignments,
      final SavedFilters savedFilters) {
    this.assignments = assignments;
    this.savedFilters = savedFilters;
    this.inbox = inbox;
    this.records = records;
    this.directory = directory;
    this.viewers = viewers;
    this.renderer = renderer;
    this.validator = validator;
    this.answers = answers;
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "groups") final String view,
      @RequestParam(defaultValue = "priority") final String sort,
      @RequestParam(defaultValue = "") final String q,
      @RequestParam(defaultValue = "0") final int page,
      final HttpServletRequest request,
      final Model model) {
    final Viewer worker = worker();
    model.addAttribute("worker", worker);
    model.addAttribute(
        "inbox",
        inbox.list(
            worker,
            InboxView.parse(view),
            InboxSort.parse(sort),
            q.length() > MAX_TEXT ? q.substring(0, MAX_TEXT) : q,
            PageNumbers.within(page)));
    model.addAttribute("saved", savedFilters.of(worker.username(), LIST));
    model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString());
    model.addAttribute("assignees", assignments.candidates(worker));
    return "inbox/list";
  }

  /**
   * Assigns the chosen tasks to the worker ({@code assignee} empty) or a colleague, each on its
   * own; the list shows what became of every task.
   */
  @PostMapping("/assignments")
  String assignEach(
      @RequestParam(name = "task", required = false) final List<Long> tasks,
      @RequestParam(defaultValue = "") final String assignee,
      @RequestParam(defaultValue = "") final String query,
      final RedirectAttributes redirect) {
    final Viewer worker = worker();
    final String back =
        "redirect:/inbox"
            + (ListParams.isQueryString(query) && !query.isEmpty() ? "?" + query : "");
    if (tasks == null || tasks.isEmpty()) {
      redirect.addFlashAttribute("problem", "Nothing assigned: choose the tasks to assign first.");
      return back;
    }
    if (tasks.size() > Assignments.MAX_TASKS) {
      redirect.addFlashAttribute(
          "problem",
          "Nothing assigned: at most "
              + Assignments.MAX_TASKS
              + " tasks at once, not "
              + tasks.size()
              + ".");
      return back;
    }
    final String to = assignee.isBlank() ? worker.username() : assignee.strip();
    final List<AssignmentOutcome> outcomes =
        assignments.assignEach(worker, tasks.stream().distinct().toList(), to);
    final long assigned = outcomes.stream().filter(AssignmentOutcome::assigned).count();
    redirect.addFlashAttribute(
        assigned == outcomes.size() ? "flash" : "problem",
        "Assigned " + assigned + " of " + outcomes.size() + " tasks to " + to + ".");
    redirect.addFlashAttribute("outcomes", outcomes);
    return back;
  }

  @PostMapping("/filters")
  String saveFilter(
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String query,
      final RedirectAttributes redirect) {
    final Viewer worker = worker();
    if (!ListParams.isQueryString(query)) {
      redirect.addFlashAttribute("problem", "Filter not saved: that is not the inbox's filter.");
      return "redirect:/inbox";
    }
    try {
      savedFilters.save(worker.username(), LIST, name, query);
      redirect.addFlashAttribute("flash", "Filter \"" + name.strip() + "\" saved.");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("problem", "Filter not saved: " + e.getMessage() + ".");
    }
    return "redirect:/inbox" + (query.isEmpty() ? "" : "?" + query);
  }

  @PostMapping("/filters/{id}/deletion")
  String deleteFilter(@PathVariable final long id, final RedirectAttributes redirect) {
    if (savedFilters.delete(worker().username(), id)) {
      redirect.addFlashAttribute("flash", "Filter deleted.");
    }
    return "redirect:/inbox";
  }

  @GetMapping("/tasks/{key}")
  String task(@PathVariable final long key, final Model model) {
    final Viewer worker = worker();
    final UserTask task = inbox.task(worker, key);
    final Map<String, Object> variables = inbox.variables(key);
    final Optional<FormSchema> form = inbox.form(task);
    show(model, worker, task, variables, form);
    form.ifPresent(schema -> model.addAttribute("form", renderer.render(schema, variables)));
    return "inbox/task";
  }

  @PostMapping("/tasks/{key}")
  String complete(
      @PathVariable final long key,
      @RequestParam final MultiValueMap<String, String> post,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer worker = worker();
    final UserTask task = inbox.task(worker, key);
    final Map<String, Object> variables = inbox.variables(key);
    final Optional<FormSchema> form = inbox.form(task);
    Map<String, Object> result = Map.of();
    if (form.isPresent()) {
      final FormSubmission submission =
          validator.validate(form.get(), variables, ChangeAuthorizationGate.formFields(post));
      if (submission instanceof FormSubmission.Invalid invalid) {
        show(model, worker, task, variables, form);
        model.addAttribute("form", renderer.render(form.get(), variables, invalid));
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return "inbox/task";
      }
      result = ((FormSubmission.Valid) submission).variables();
    }
    try {
      inbox.complete(worker, key, result, post.getFirst(ChangeAuthorizationGate.OVERRIDE_REASON));
    } catch (UnresolvedConflictsException e) {
      show(model, worker, task, variables, form);
      model.addAttribute("overrideError", e.getMessage());
      model.addAttribute("overrideReason", post.getFirst(ChangeAuthorizationGate.OVERRIDE_REASON));
      form.ifPresent(
          schema ->
              model.addAttribute(
                  "form",
                  renderer.render(schema, variables, new FormSubmission.Invalid(Map.of(), post))));
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return "inbox/task";
    } catch (InvalidDecisionException e) {
      show(model, worker, task, variables, form);
      model.addAttribute(
          "form",
          renderer.render(
              form.orElseThrow(),
              variables,
              new FormSubmission.Invalid(Map.of(e.field(), e.getMessage()), post)));
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return "inbox/task";
    }
    redirect.addFlashAttribute("flash", "Completed \u201c" + task.getName() + "\u201d.");
    return "redirect:/inbox";
  }

  @PostMapping("/tasks/{key}/claim")
  String claim(@PathVariable final long key, final RedirectAttributes redirect) {
    inbox.claim(worker(), key);
    redirect.addFlashAttribute("flash", "The task is yours.");
    return "redirect:/inbox/tasks/" + key;
  }

  @PostMapping("/tasks/{key}/unclaim")
  String unclaim(@PathVariable final long key, final RedirectAttributes redirect) {
    inbox.unclaim(worker(), key);
    redirect.addFlashAttribute("flash", "The task is back in its group's queue.");
    return "redirect:/inbox";
  }

  @PostMapping("/tasks/{key}/assign")
  String assign(
      @PathVariable final long key,
      @RequestParam final String assignee,
      final RedirectAttributes redirect) {
    assignments.assign(worker(), key, assignee);
    redirect.addFlashAttribute("flash", "Assigned to " + assignee + ".");
    return "redirect:/inbox/tasks/" + key;
  }

  private void show(
      final Model model,
      final Viewer worker,
      final UserTask task,
      final Map<String, Object> variables,
      final Optional<FormSchema> form) {
    model.addAttribute("worker", worker);
    model.addAttribute("task", task);
    model.addAttribute("incident", records.incident(task.getProcessInstanceKey()).orElse(null));
    final Request request = records.request(task.getProcessInstanceKey()).orElse(null);
    model.addAttribute("request", request);
    model.addAttribute("answers", request == null ? List.of() : answers.of(request));
    model.addAttribute("colleagues", colleagues(task));
    model.addAttribute("hasForm", form.isPresent());
    // An approval stays with its approver: handed on by delegation in My approvals, not here.
    model.addAttribute("isApproval", ApprovalTask.isApproval(task));
    model.addAttribute("changeAuthorization", inbox.changeAuthorization(task).orElse(null));
  }

  private Set<String> colleagues(final UserTask task) {
    return TaskInbox.colleagues(task, directory::members);
  }

  private Viewer worker() {
    return viewers
        .current()
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in to work tasks."));
  }
}
