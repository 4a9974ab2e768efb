package io.flowdesk.app.system;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the limit is refused before any page sees it; the person is told the limit instead
 * of getting a bare 413.
 */
@ControllerAdvice
class UploadLimit {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(final Model model, final HttpServletResponse response) {
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    model.addAttribute("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
    model.addAttribute(
        "error", "The file is too large: attachments may have at most 10 MiB. Nothing was stored.");
    return "error";
  }
}
