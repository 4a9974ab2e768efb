package io.flowdesk.engine.deployment.bpmn;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Renders problems the way Zeebe renders a rejected deployment, so users of either read the same:
 *
 * <pre>
 * 'order.bpmn': - Element: task
 *     - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element
 * - Element: flow
 *     - ERROR: failed to parse expression 'x &gt;': ...
 * </pre>
 *
 * Elements are listed in document order, so the report reads like the diagram's XML; a problem
 * found by two checks is listed once.
 */
final class ProblemReport {

  private ProblemReport() {}

  static String format(
      final String resourceName, final List<Problem> problems, final Document document) {
    final Map<String, Integer> position = positionsById(document);
    final Comparator<Problem> inDocumentOrder =
        Comparator.<Problem>comparingInt(p -> position.getOrDefault(p.anchorId(), -1))
            .thenComparing(Problem::element);
    final Map<String, Set<String>> messagesByElement = new LinkedHashMap<>();
    problems.stream()
        .sorted(inDocumentOrder)
        .forEach(
            p ->
                messagesByElement
                    .computeIfAbsent(p.element(), e -> new LinkedHashSet<>())
                    .add(p.message()));
    return "'"
        + resourceName
        + "': "
        + messagesByElement.entrySet().stream()
            .map(ProblemReport::formatElement)
            .collect(Collectors.joining("\n"));
  }

  private static String formatElement(final Map.Entry<String, Set<String>> element) {
    return "- Element: "
        + element.getKey()
        + element.getValue().stream()
            .map(message -> "\n    - ERROR: " + message)
            .collect(Collectors.joining());
  }

  private static Map<String, Integer> positionsById(final Document document) {
    final Map<String, Integer> positions = new LinkedHashMap<>();
    // Descendants come in document order (pre-order), which is the order we want to report in.
    final NodeList elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      final String id = ((Element) elements.item(i)).getAttribute("id");
      if (!id.isEmpty()) {
        positions.putIfAbsent(id, i);
      }
    }
    return positions;
  }
}
