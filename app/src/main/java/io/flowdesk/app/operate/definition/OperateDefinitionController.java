package io.flowdesk.app.operate.definition;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's Processes and Decisions lists and the definition page. Who may open them is decided
 * by the URL rules ({@code /operate/**}: process owners and admins).
 */
@Controller
@RequestMapping("/operate")
class OperateDefinitionController {

  private final ProcessCatalog processes;
  private final DecisionCatalog decisions;
  private final DefinitionPages definitions;

  OperateDefinitionController(
      final ProcessCatalog processes,
      final DecisionCatalog decisions,
      final DefinitionPages definitions) {
    this.processes = processes;
    this.decisions = decisions;
    this.definitions = definitions;
  }

  @GetMapping
  String processes(
      @RequestParam(defaultValue = "") final String q,
      @RequestParam(defaultValue = "0") final int page,
      final Model model) {
    model.addAttribute("processes", processes.list(q, page));
    return "operate/processes";
  }

  @GetMapping("/decisions")
  String decisions(
      @RequestParam(defaultValue = "") final String q,
      @RequestParam(defaultValue = "0") final int page,
      final Model model) {
    model.addAttribute("decisions", decisions.list(q, page));
    return "operate/decisions";
  }

  @GetMapping("/processes/{key}")
  String definition(@PathVariable final String key, final Model model) {
    model.addAttribute(
        "definition", definitions.of(DefinitionKeys.parse(key)).orElseThrow(() -> unknown(key)));
    return "operate/definition";
  }

  @GetMapping("/processes/{key}/xml")
  ResponseEntity<byte[]> xml(@PathVariable final String key) {
    final long parsed = DefinitionKeys.parse(key);
    final String xml = definitions.xml(parsed).orElseThrow(() -> unknown(key));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("process-" + parsed + ".bpmn", StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(xml.getBytes(StandardCharsets.UTF_8));
  }

  static ResponseStatusException unknown(final String key) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No deployed process definition with key " + key);
  }
}
