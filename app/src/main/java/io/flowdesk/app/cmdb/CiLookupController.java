package io.flowdesk.app.cmdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.CiQuery;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CI picker's lookup, for everyone signed in: end users name the affected CI when they report
 * an incident, but may not read the CMDB ({@code /api/cmdb/cis} is for agents). So this answers
 * only what a picker shows, id, name and class, never owner, group, attributes or relationships;
 * and only CIs in use (not retired).
 */
@RestController
@Tag(name = "CMDB")
class CiLookupController {

  static final int MAX_RESULTS = 20;

  private final Cmdb cmdb;
  private final Viewers viewers;

  CiLookupController(final Cmdb cmdb, final Viewers viewers) {
    this.cmdb = cmdb;
    this.viewers = viewers;
  }

  /** A CI as a picker offers it. */
  record CiChoiceResource(
      UUID id, String name, @JsonProperty("class") String className, String classLabel) {}

  @GetMapping("/api/cmdb/lookup")
  @Operation(
      summary = "Find configuration items by name, for pickers (everyone signed in)",
      description =
          "q: the name contains it (ignoring case), at least 2 characters. Up to 20 CIs that are"
              + " not retired, by name: only id, name and class.")
  List<CiChoiceResource> lookup(@RequestParam(defaultValue = "") final String q) {
    if (viewers.current().isEmpty()) {
      throw new AccessDeniedException("not signed in");
    }
    final String text = q.strip();
    if (text.length() < 2) {
      return List.of();
    }
    final Map<String, String> labels =
        cmdb.classes().stream().collect(Collectors.toMap(CiClass::name, CiClass::label));
    return cmdb.search(new CiQuery(text, null, null), PageRequest.of(0, MAX_RESULTS * 2)).stream()
        .filter(ci -> ci.status() != LifecycleStatus.RETIRED)
        .limit(MAX_RESULTS)
        .map(
            ci ->
                new CiChoiceResource(
                    ci.id(),
                    ci.name(),
                    ci.className(),
                    labels.getOrDefault(ci.className(), ci.className())))
        .toList();
  }
}
