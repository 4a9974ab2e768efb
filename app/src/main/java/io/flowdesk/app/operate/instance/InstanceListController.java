package io.flowdesk.app.operate.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.system.PageNumbers;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operations console's instance list: filter, sort and page the engine's process instances, and
 * select some (or all the filter finds) for a batch operation.
 */
@Controller
class InstanceListController {

  private final InstanceList instances;
  private final ObjectMapper json;

  InstanceListController(final InstanceList instances, final ObjectMapper json) {
    this.instances = instances;
    this.json = json;
  }

  @GetMapping("/operate/instances")
  String list(
      @ModelAttribute("filter") final InstanceFilter filter,
      @RequestParam(defaultValue = "started") final String sort,
      @RequestParam(defaultValue = "desc") final String order,
      @RequestParam(defaultValue = "0") final int page,
      final Model model,
      final HttpServletResponse response) {
    final Map<String, String> problems = new LinkedHashMap<>(filter.problems(json));
    final InstanceSort sorted = InstanceSort.parse(sort).orElse(null);
    if (sorted == null) {
      problems.put("sort", "Instances cannot be sorted by '" + sort + "'.");
    }
    if (!"asc".equals(order) && !"desc".equals(order)) {
      problems.put("order", "Order must be asc or desc, not '" + order + "'.");
    }
    model.addAttribute("problems", problems);
    model.addAttribute(
        "links",
        new InstanceListLinks(
            filter.fields(),
            sorted == null ? InstanceSort.STARTED.param() : sorted.param(),
            "asc".equals(order) ? "asc" : "desc"));
    model.addAttribute("states", InstanceFilter.STATES);
    if (!problems.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("result", InstanceListPage.empty());
      return "operate/instances";
    }
    model.addAttribute(
        "result", instances.search(filter, sorted, "desc".equals(order), PageNumbers.within(page)));
    return "operate/instances";
  }
}
