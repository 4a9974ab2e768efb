package io.flowdesk.app.portal;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.approval.ApprovalTask;
import io.flowdesk.app.forms.FormRenderer;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.inbox.TaskInbox;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import jakarta.servlet.http.HttpServletResponse;
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
 * A task a process gives the signed-in person (e.g. "Confirm you received the laptop"), for people
 * without an inbox: its deployed form, rendered and validated on the server as in the inbox, and
 * completed through {@link TaskInbox}. Only the assignee sees it; a task already done shows that it
 * is done, so that a second submit changes nothing.
 */
@Controller
@RequestMapping("/portal/tasks")
@PreAuthorize("isAuthenticated()")
class MyTaskController {

  private final WaitingTasks waiting;
  private final TaskInbox tasks;
  private final Viewers viewers;
  private final FormRenderer renderer;
  private final FormValidator validator;

  MyTaskController(
      final WaitingTasks waiting,
      final TaskInbox tasks,
      final Viewers viewers,
      final FormRenderer renderer,
      final FormValidator validator) {
    this.waiting = waiting;
    this.tasks = tasks;
    this.viewers = viewers;
    this.renderer = renderer;
    this.validator = validator;
  }

  @GetMapping("/{key}")
  String task(@PathVariable final long key, final Model model) {
    final UserTask task = waiting.assignedTo(viewer(), key);
    if (ApprovalTask.isApproval(task)) {
      return "redirect:/portal/approvals";
    }
    if (!WaitingTasks.open(task)) {
      return done(model, task);
    }
    final Map<String, Object> variables = tasks.variables(key);
    final Optional<FormSchema> form = tasks.form(task);
    show(model, task, form);
    form.ifPresent(schema -> model.addAttribute("form", renderer.render(schema, variables)));
    return "portal/task";
  }

  @PostMapping("/{key}")
  String complete(
      @PathVariable final long key,
      @RequestParam final MultiValueMap<String, String> post,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final UserTask task = waiting.assignedTo(viewer, key);
    if (ApprovalTask.isApproval(task)) {
      return "redirect:/portal/approvals";
    }
    if (!WaitingTasks.open(task)) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return done(model, task);
    }
    final Map<String, Object> variables = tasks.variables(key);
    final Optional<FormSchema> form = tasks.form(task);
    Map<String, Object> answers = Map.of();
    if (form.isPresent()) {
      final FormSubmission submission = validator.validate(form.get(), variables, post);
      if (submission instanceof FormSubmission.Invalid invalid) {
        show(model, task, form);
        model.addAttribute("form", renderer.render(form.get(), variables, invalid));
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return "portal/task";
      }
      answers = ((FormSubmission.Valid) submission).variables();
    }
    try {
      tasks.complete(viewer, key, answers);
    } catch (ResponseStatusException e) {
      // Completed meanwhile (a second click that overtook the first): the task is done either way.
      if (e.getStatusCode() != HttpStatus.CONFLICT) {
        throw e;
      }
      response.setStatus(HttpStatus.CONFLICT.value());
      return done(model, task);
    }
    redirect.addFlashAttribute("flash", "Done: \u201c" + WaitingTasks.name(task) + "\u201d.");
    return "redirect:/portal/requests";
  }

  private void show(final Model model, final UserTask task, final Optional<FormSchema> form) {
    model.addAttribute("task", task);
    model.addAttribute("taskName", WaitingTasks.name(task));
    model.addAttribute("request", waiting.requestOf(task).orElse(null));
    model.addAttribute("hasForm", form.isPresent());
  }

  private String done(final Model model, final UserTask task) {
    show(model, task, Optional.empty());
    return "portal/task-done";
  }

  private Viewer viewer() {
    return viewers
        .current()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first."));
  }
}
