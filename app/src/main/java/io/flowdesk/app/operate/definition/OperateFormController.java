package io.flowdesk.app.operate.definition;

import io.flowdesk.app.forms.FormRenderer;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's Forms list and a deployed form version's preview: rendered by the app's form
 * renderer (as the inbox shows a task's form) with no variables, read-only and without a submit.
 */
@Controller
@RequestMapping("/operate/forms")
class OperateFormController {

  private final DeployedFormCatalog forms;
  private final FormRenderer renderer;

  OperateFormController(final DeployedFormCatalog forms, final FormRenderer renderer) {
    this.forms = forms;
    this.renderer = renderer;
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "") final String q,
      @RequestParam(defaultValue = "0") final int page,
      final Model model) {
    model.addAttribute("forms", forms.list(q, page));
    return "operate/forms";
  }

  @GetMapping("/{key}")
  String preview(@PathVariable final String key, final Model model) {
    final DeployedFormCatalog.FormVersion form =
        forms
            .version(DefinitionKeys.parse(key))
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No deployed form with key " + key));
    model.addAttribute("deployed", form);
    model.addAttribute("form", renderer.render(form.schema(), Map.of()));
    return "operate/form";
  }
}
