package io.flowdesk.app.operate.batch;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.flowdesk.app.diagram.BpmnDiagram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What a process owner needs to map a migration: the selected instances' version, the other
 * versions of the same process to migrate to, every element of the source with the target element
 * of the same id where there is one, and how many instances are active in each. Checks a mapping
 * before the batch is created, so that a plan no selected instance could follow is refused with a
 * reason per element and nothing is sent; the engine checks each instance again (and more) when the
 * batch runs.
 */
@Component
class MigrationPlanner {

  private static final int SEARCH_LIMIT = 1000;

  private final CamundaClient client;

  MigrationPlanner(final CamundaClient client) {
    this.client = client;
  }

  /** A process version with its flow nodes (id → BPMN type). */
  record Version(ProcessDefinition definition, Map<String, String> elements) {

    public long key() {
      return definition.getProcessDefinitionKey();
    }

    public String label() {
      return definition.getProcessDefinitionId() + " v" + definition.getVersion();
    }
  }

  /** A source element: its type, in how many selected instances it is active, its target. */
  record Row(String elementId, String type, long active, String targetId) {}

  /** A refusal of the mapping, naming the source element. */
  record Refusal(String elementId, String reason) {}

  /** The mapping page: source version, candidate targets, the chosen target and the rows. */
  record Plan(Version source, List<ProcessDefinition> targets, Version target, List<Row> rows) {

    public Map<String, String> targetElements() {
      return target == null ? Map.of() : target.elements();
    }
  }

  /**
   * The plan for the selection; {@code mapping} overrides the id-equality prefill when given.
   *
   * @throws IllegalArgumentException when the selection spans several versions or none, or the
   *     target is not another version of the same process
   */
  Plan plan(
      final BatchSelection selection, final Long targetKey, final Map<String, String> mapping) {
    final long sourceKey = sourceKey(selection);
    final Version source = version(sourceKey);
    final List<ProcessDefinition> targets =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(source.definition().getProcessDefinitionId()))
            .page(p -> p.limit(SEARCH_LIMIT))
            .send()
            .join()
            .items()
            .stream()
            .filter(d -> d.getProcessDefinitionKey() != sourceKey)
            .sorted(Comparator.comparingInt(ProcessDefinition::getVersion).reversed())
            .toList();
    Version target = null;
    if (targetKey != null) {
      if (targets.stream().noneMatch(d -> d.getProcessDefinitionKey() == targetKey)) {
        throw new IllegalArgumentException(
            "'targetProcessDefinitionKey' "
                + targetKey
                + " is not another version of "
                + source.definition().getProcessDefinitionId()
                + ".");
      }
      target = version(targetKey);
    } else if (!targets.isEmpty()) {
      target = version(targets.get(0).getProcessDefinitionKey());
    }
    final Map<String, Long> active = activeElements(selection, sourceKey);
    final List<Row> rows = new ArrayList<>();
    for (final Map.Entry<String, String> element : source.elements().entrySet()) {
      final String id = element.getKey();
      final String mapped;
      if (mapping != null) {
        mapped = blankToNull(mapping.get(id));
      } else {
        mapped = target != null && element.getValue().equals(target.elements().get(id)) ? id : null;
      }
      rows.add(new Row(id, element.getValue(), active.getOrDefault(id, 0L), mapped));
    }
    return new Plan(source, targets, target, rows);
  }

  /** What is wrong with the plan's mapping, per source element; empty when it can be sent. */
  static List<Refusal> check(final Plan plan) {
    final List<Refusal> refusals = new ArrayList<>();
    if (plan.target() == null) {
      refusals.add(new Refusal("", "There is no other version of this process to migrate to."));
      return refusals;
    }
    final Map<String, String> targets = plan.target().elements();
    final Map<String, List<String>> mappedTo = new TreeMap<>();
    for (final Row row : plan.rows()) {
      if (row.targetId() == null) {
        if (row.active() > 0) {
          refusals.add(
              new Refusal(
                  row.elementId(),
                  "is active in "
                      + row.active()
                      + " selected instance(s) but mapped to no element of the target"));
        }
        continue;
      }
      final String targetType = targets.get(row.targetId());
      if (targetType == null) {
        refusals.add(
            new Refusal(
                row.elementId(),
                "is mapped to '" + row.targetId() + "', which the target version does not have"));
      } else if (!targetType.equals(row.type())) {
        refusals.add(
            new Refusal(
                row.elementId(),
                "is a "
                    + row.type()
                    + " but mapped to '"
                    + row.targetId()
                    + "', a "
                    + targetType
                    + "; an element keeps its type"));
      } else {
        mappedTo.computeIfAbsent(row.targetId(), t -> new ArrayList<>()).add(row.elementId());
      }
    }
    mappedTo.forEach(
        (target, sources) -> {
          if (sources.size() > 1 && "boundaryEvent".equals(targets.get(target))) {
            refusals.add(
                new Refusal(
                    String.join(", ", sources),
                    "are mapped to the same catch event '" + target + "'"));
          }
        });
    return refusals;
  }

  /** The mapping instructions the engine takes: every mapped row. */
  static Map<String, String> instructions(final Plan plan) {
    final Map<String, String> mapping = new LinkedHashMap<>();
    plan.rows().stream()
        .filter(row -> row.targetId() != null)
        .forEach(row -> mapping.put(row.elementId(), row.targetId()));
    return mapping;
  }

  /**
   * The one version the selection runs, with in how many selected instances each element is active.
   */
  Source source(final BatchSelection selection) {
    final long sourceKey = sourceKey(selection);
    return new Source(version(sourceKey), activeElements(selection, sourceKey));
  }

  /** The selection's version and its active elements (element id → instances). */
  record Source(Version version, Map<String, Long> active) {}

  private long sourceKey(final BatchSelection selection) {
    if (selection.instanceKeys().isEmpty()) {
      final String key = selection.filter().get(BatchSelection.DEFINITION_KEY);
      if (key == null) {
        throw new IllegalArgumentException(
            "Filter the instances by one process version (its definition key) to migrate them.");
      }
      return BatchSelection.key("filter." + BatchSelection.DEFINITION_KEY, key);
    }
    final Set<Long> versions =
        client
            .newProcessInstanceSearchRequest()
            .filter(selection.searchFilter())
            .page(p -> p.limit(SEARCH_LIMIT))
            .send()
            .join()
            .items()
            .stream()
            .map(ProcessInstance::getProcessDefinitionKey)
            .collect(Collectors.toSet());
    if (versions.size() != 1) {
      throw new IllegalArgumentException(
          versions.isEmpty()
              ? "None of the selected process instances was found."
              : "The selected process instances run "
                  + versions.size()
                  + " different process versions; migrate the instances of one version at a"
                  + " time.");
    }
    return versions.iterator().next();
  }

  private Version version(final long key) {
    final ProcessDefinition definition = client.newProcessDefinitionGetRequest(key).send().join();
    final String xml = client.newProcessDefinitionGetXmlRequest(key).send().join();
    return new Version(definition, BpmnDiagram.parse(xml).flowNodeTypes());
  }

  private Map<String, Long> activeElements(final BatchSelection selection, final long sourceKey) {
    final Set<Long> selected = Set.copyOf(selection.instanceKeys());
    final List<ElementInstance> active =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processDefinitionKey(sourceKey).state(ElementInstanceState.ACTIVE))
            .page(p -> p.limit(SEARCH_LIMIT))
            .send()
            .join()
            .items();
    return active.stream()
        .filter(e -> selected.isEmpty() || selected.contains(e.getProcessInstanceKey()))
        .collect(Collectors.groupingBy(ElementInstance::getElementId, Collectors.counting()));
  }

  private static String blankToNull(final String typed) {
    return typed == null || typed.isBlank() ? null : typed.strip();
  }
}
