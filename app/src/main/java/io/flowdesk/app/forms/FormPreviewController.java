package io.flowdesk.app.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
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

/**
 * Lets analysts and developers try a packaged form: shown with no variables, and a submission
 * answers with the errors or the variables a task would be completed with.
 */
@Controller
@RequestMapping("/forms")
class FormPreviewController {

  private final FormCatalog catalog;
  private final FormRenderer renderer;
  private final FormValidator validator;
  private final ObjectMapper json;

  FormPreviewController(
      final FormCatalog catalog,
      final FormRenderer renderer,
      final FormValidator validator,
      final ObjectMapper json) {
    this.catalog = catalog;
    this.renderer = renderer;
    this.validator = validator;
    this.json = json;
  }

  @GetMapping
  String list(final Model model) {
    model.addAttribute("forms", catalog.all());
    return "forms/index";
  }

  @GetMapping("/{id}/preview")
  String preview(@PathVariable final String id, final Model model) {
    final FormSchema form = form(id);
    model.addAttribute("schema", form);
    model.addAttribute("form", renderer.render(form, Map.of()));
    return "forms/preview";
  }

  @PostMapping("/{id}/preview")
  String submit(
      @PathVariable final String id,
      @RequestParam final MultiValueMap<String, String> post,
      final Model model)
      throws JsonProcessingException {
    final FormSchema form = form(id);
    model.addAttribute("schema", form);
    final FormSubmission submission = validator.validate(form, Map.of(), post);
    if (submission instanceof FormSubmission.Valid valid) {
      model.addAttribute(
          "variablesJson",
          json.writerWithDefaultPrettyPrinter().writeValueAsString(valid.variables()));
      model.addAttribute("form", renderer.render(form, valid.variables()));
    } else {
      model.addAttribute(
          "form", renderer.render(form, Map.of(), (FormSubmission.Invalid) submission));
    }
    return "forms/preview";
  }

  private FormSchema form(final String id) {
    return catalog
        .find(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No form with id " + id));
  }
}
