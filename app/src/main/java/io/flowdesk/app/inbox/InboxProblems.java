package io.flowdesk.app.inbox;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A task that cannot be shown or worked gets the error page with the reason in words (which task,
 * and why), not just a status code.
 */
@ControllerAdvice(assignableTypes = InboxController.class)
class InboxProblems {

  @ExceptionHandler(TaskUnavailableException.class)
  String unavailable(
      final TaskUnavailableException e, final Model model, final HttpServletResponse response) {
    response.setStatus(e.getStatusCode().value());
    model.addAttribute("status", e.getStatusCode().value());
    model.addAttribute("error", e.getReason());
    return "error";
  }
}
