package io.flowdesk.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring examples under {@code ops/} stay usable: the alerting rules are well-formed
 * Prometheus rule groups, the Grafana dashboard is JSON with queries, and every Flowdesk metric
 * either names is one the app README documents (so a renamed meter cannot leave them silently
 * empty).
 */
class MonitoringExamplesTest {

  private static final Path OPS = Path.of("../ops");
  private static final Pattern FLOWDESK_METRIC = Pattern.compile("\\bflowdesk_[a-z_]+");

  @Test
  @SuppressWarnings("unchecked")
  void theAlertingRulesAreWellFormedRuleGroups() throws IOException {
    final Map<String, Object> file =
        new Yaml().load(Files.readString(OPS.resolve("prometheus/alerts.yml")));
    final List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
    assertThat(groups).isNotEmpty();
    final Set<String> alerts = new TreeSet<>();
    for (final Map<String, Object> group : groups) {
      assertThat(group.get("name")).as("a group's name").isInstanceOf(String.class);
      for (final Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        final String alert = (String) rule.get("alert");
        assertThat(alert).as("each rule's alert name").isNotBlank();
        assertThat(alerts.add(alert)).as("alert names are unique: " + alert).isTrue();
        assertThat((String) rule.get("expr")).as(alert + " expr").isNotBlank();
        assertThat(((Map<String, Object>) rule.get("labels")).get("severity"))
            .as(alert + " severity")
            .isIn("warning", "critical");
        assertThat(((Map<String, Object>) rule.get("annotations")).get("summary"))
            .as(alert + " summary")
            .isNotNull();
      }
    }
    assertThat(alerts)
        .contains(
            "FlowdeskSlaBreachRateHigh", "FlowdeskIncidentBacklogHigh", "FlowdeskEngineIncidents");
  }

  @Test
  void theDashboardIsJsonWhosePanelsQueryPrometheus() throws IOException {
    final JsonNode dashboard =
        new ObjectMapper().readTree(OPS.resolve("grafana/flowdesk-dashboard.json").toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("flowdesk");
    assertThat(dashboard.path("panels")).isNotEmpty();
    for (final JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
    }
  }

  @Test
  void everyFlowdeskMetricTheExamplesUseIsDocumented() throws IOException {
    final String readme = Files.readString(Path.of("README.md"));
    final Set<String> used = new TreeSet<>();
    used.addAll(metrics(Files.readString(OPS.resolve("prometheus/alerts.yml"))));
    used.addAll(metrics(Files.readString(OPS.resolve("grafana/flowdesk-dashboard.json"))));
    assertThat(used).isNotEmpty();
    for (final String metric : used) {
      final String base = metric.replaceAll("(_(total|bucket|count|sum|max|seconds))+$", "");
      assertThat(readme).as("app/README.md documents " + metric).contains("`" + base);
    }
  }

  private static Set<String> metrics(final String text) {
    final Set<String> names = new TreeSet<>();
    final Matcher matcher = FLOWDESK_METRIC.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }
}
