package io.flowdesk.app.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.domain.directory.Directory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' GDPR pages: everyone, and per person their export (a JSON download) and erasure. Both
 * are posts (CSRF-protected) that need a confirmation: a ticked box for the export, the username
 * typed again for the erasure.
 */
@Controller
@RequestMapping("/admin/people")
class PrivacyController {

  private static final String VIEW = "admin/privacy";

  private final Directory directory;
  private final PersonalDataExport export;
  private final PersonErasure erasure;
  private final ObjectMapper json;

  PrivacyController(
      final Directory directory,
      final PersonalDataExport export,
      final PersonErasure erasure,
      final ObjectMapper json) {
    this.directory = directory;
    this.export = export;
    this.erasure = erasure;
    this.json = json;
  }

  @GetMapping
  String people(final Model model) {
    model.addAttribute("people", directory.people());
    return "admin/people";
  }

  @GetMapping("/{username}/privacy")
  String privacy(@PathVariable final String username, final Model model) {
    return page(username, model);
  }

  // A ModelAndView, so that answering null (the file is written) marks the request as handled.
  @PostMapping("/{username}/export")
  ModelAndView export(
      @PathVariable final String username,
      @RequestParam(defaultValue = "") final String confirm,
      final Model model,
      final HttpServletResponse response)
      throws IOException {
    if (!"yes".equals(confirm)) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute(
          "exportError", "Tick the box to confirm that this export is asked for lawfully.");
      return new ModelAndView(page(username, model), model.asMap());
    }
    final Map<String, Object> document = export.of(username);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename("flowdesk-personal-data-" + username + ".json")
            .build()
            .toString());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    json.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), document);
    return null;
  }

  @PostMapping("/{username}/erasure")
  String erase(
      final Principal admin,
      @PathVariable final String username,
      @RequestParam(defaultValue = "") final String confirm,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    if (!username.equals(confirm.strip())) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute(
          "erasureError", "Type the username '" + username + "' to confirm the erasure.");
      return page(username, model);
    }
    try {
      final PersonErasure.Erased erased = erasure.erase(username, admin.getName());
      redirect.addFlashAttribute(
          "notice",
          "'"
              + username
              + "' was erased: now "
              + erased.pseudonym()
              + "; "
              + erased.recordsScrubbed()
              + " record texts scrubbed, "
              + erased.auditEntries()
              + " audit entries pseudonymised, "
              + erased.sessionsEnded()
              + " sessions ended.");
      // The person is found under the pseudonym from now on: the old username is gone.
      return "redirect:/admin/people/" + erased.pseudonym() + "/privacy";
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        throw e;
      }
      response.setStatus(e.getStatusCode().value());
      model.addAttribute("erasureError", e.getReason());
      return page(username, model);
    }
  }

  private String page(final String username, final Model model) {
    model.addAttribute(
        "person",
        directory.person(username).orElseThrow(() -> new UnknownPersonException(username)));
    model.addAttribute(
        "erased", directory.person(username).map(PersonErasure::isErased).orElse(false));
    return VIEW;
  }
}
