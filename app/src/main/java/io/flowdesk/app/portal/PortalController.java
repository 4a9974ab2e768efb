package io.flowdesk.app.portal;

import io.flowdesk.app.forms.FormCatalog;
import io.flowdesk.app.forms.FormRenderer;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.incident.IdempotencyKeys;
import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.app.incident.ProcessNotStartedException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service catalog and its first item, "Report an issue": the Camunda form {@code
 * report-incident} rendered and validated on the server; a valid report becomes an incident with
 * its process.
 */
@Controller
@RequestMapping("/portal")
@PreAuthorize("isAuthenticated()")
class PortalController {

  static final String REPORT_FORM = "report-incident";

  private final ServiceCatalog catalog;
  private final FormCatalog forms;
  private final FormRenderer renderer;
  private final FormValidator validator;
  private final IncidentReporting reporting;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;

  PortalController(
      final ServiceCatalog catalog,
      final FormCatalog forms,
      final FormRenderer renderer,
      final FormValidator validator,
      final IncidentReporting reporting,
      final Viewers viewers,
      final IdempotencyKeys onceOnly) {
    this.catalog = catalog;
    this.forms = forms;
    this.renderer = renderer;
    this.validator = validator;
    this.reporting = reporting;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
  }

  @GetMapping
  String catalog(final Model model) {
    model.addAttribute("categories", catalog.categories());
    return "portal/catalog";
  }

  @GetMapping("/report")
  String reportForm(final Model model) {
    model.addAttribute("form", renderer.render(reportForm(), Map.of()));
    newOnceKey(model);
    return "portal/report";
  }

  @PostMapping("/report")
  String report(
      @RequestParam final MultiValueMap<String, String> post,
      final Model model,
      final RedirectAttributes redirect) {
    final FormSchema form = reportForm();
    final FormSubmission submission = validator.validate(form, Map.of(), post);
    if (submission instanceof FormSubmission.Invalid invalid) {
      model.addAttribute("form", renderer.render(form, Map.of(), invalid));
      newOnceKey(model);
      return "portal/report";
    }
    final Viewer viewer = viewers.current().orElseThrow();
    try {
      // A second post of the same page (double click, resent form) gets the first one's incident.
      final String number =
          onceOnly.once(
              viewer.username(),
              IdempotencyKeys.REPORTS,
              post.getFirst(FormValidator.ONCE_PARAMETER),
              () ->
                  reporting
                      .report(viewer.username(), ((FormSubmission.Valid) submission).variables())
                      .number());
      redirect.addFlashAttribute(
          "flash",
          "Thank you. Your issue is recorded as " + number + "; the service desk will pick it up.");
      return "redirect:/portal/requests/" + number;
    } catch (IllegalArgumentException | ProcessNotStartedException failed) {
      model.addAttribute(
          "problem",
          failed instanceof ProcessNotStartedException
              ? "Your report could not be submitted because the workflow service did not accept"
                  + " it. Please try again in a moment."
              : "Your report could not be recorded: " + failed.getMessage() + ".");
      model.addAttribute(
          "form",
          renderer.render(form, Map.of(), new FormSubmission.Invalid(Map.of(), kept(post))));
      newOnceKey(model);
      return "portal/report";
    }
  }

  private static void newOnceKey(final Model model) {
    model.addAttribute("onceKey", UUID.randomUUID().toString());
  }

  private static MultiValueMap<String, String> kept(final MultiValueMap<String, String> post) {
    final MultiValueMap<String, String> kept = new LinkedMultiValueMap<>(post);
    kept.remove("_csrf");
    kept.remove(FormValidator.ONCE_PARAMETER);
    return kept;
  }

  private FormSchema reportForm() {
    return forms
        .find(REPORT_FORM)
        .orElseThrow(() -> new IllegalStateException("form " + REPORT_FORM + " is not packaged"));
  }
}
