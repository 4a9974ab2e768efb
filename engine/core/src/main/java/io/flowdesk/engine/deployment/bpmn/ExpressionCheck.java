package io.flowdesk.engine.deployment.bpmn;

import static io.camunda.zeebe.model.bpmn.impl.BpmnModelConstants.BPMN20_NS;
import static io.camunda.zeebe.model.bpmn.impl.BpmnModelConstants.ZEEBE_NS;

import io.flowdesk.engine.model.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks, at deploy time, the expressions the engine would otherwise only trip over at run time:
 * every FEEL expression in an executable process must parse, and the attributes the engine relies
 * on (io mapping source and target, header key) must be there.
 *
 * <p>Works on the XML rather than the typed model so that it finds the FEEL in every Zeebe
 * extension attribute (Zeebe's convention: a value starting with {@code =} is FEEL), including ones
 * added in later Zeebe versions, without a list to keep up to date.
 */
final class ExpressionCheck {

  private static final String PARSE_FAILURE = "failed to parse expression";

  /** Zeebe elements whose values are passed on verbatim even when they start with {@code =}. */
  private static final Set<String> LITERAL_ELEMENTS = Set.of("header", "property", "versionTag");

  /**
   * Attributes the engine cannot do without that Zeebe's design-time validators leave to its
   * run-time checks, by Zeebe element.
   */
  private static final Map<String, List<String>> REQUIRED_ATTRIBUTES =
      Map.of(
          "input", List.of("source", "target"),
          "output", List.of("source", "target"),
          "header", List.of("key"));

  /** Attributes that must hold FEEL: a static value there would be a string, never a result. */
  private static final Map<String, String> FEEL_ONLY_ATTRIBUTES = Map.of("script", "expression");

  private final Function<String, Optional<String>> feelParseError;

  ExpressionCheck(final Function<String, Optional<String>> feelParseError) {
    this.feelParseError = feelParseError;
  }

  List<Problem> check(final Document document, final Set<String> executableProcessIds) {
    final List<Problem> problems = new ArrayList<>();
    final NodeList processes = document.getElementsByTagNameNS(BPMN20_NS, "process");
    for (int i = 0; i < processes.getLength(); i++) {
      final Element process = (Element) processes.item(i);
      if (executableProcessIds.contains(process.getAttribute("id"))) {
        final NodeList descendants = process.getElementsByTagNameNS("*", "*");
        for (int j = 0; j < descendants.getLength(); j++) {
          checkElement((Element) descendants.item(j), problems);
        }
      }
    }
    return problems;
  }

  private void checkElement(final Element element, final List<Problem> problems) {
    final String name = element.getLocalName();
    if (ZEEBE_NS.equals(element.getNamespaceURI())) {
      REQUIRED_ATTRIBUTES
          .getOrDefault(name, List.of())
          .forEach(attribute -> requireAttribute(element, attribute, problems));
      requireFeel(element, FEEL_ONLY_ATTRIBUTES.get(name), problems);
      if (!LITERAL_ELEMENTS.contains(name)) {
        checkFeelAttributes(element, problems);
      }
    } else if (BPMN20_NS.equals(element.getNamespaceURI())
        && name.equals("conditionExpression")
        && element.getParentNode() instanceof Element flow
        && "sequenceFlow".equals(flow.getLocalName())) {
      checkFeel(flow, condition(element.getTextContent()).text(), problems);
    }
  }

  /**
   * A sequence flow condition is always FEEL: Zeebe expects it written {@code =x > 1}, and a
   * condition without the {@code =} is read as the FEEL it plainly is rather than as a string.
   */
  static Expression condition(final String text) {
    final String source = text.strip();
    return Expression.feel(source.startsWith("=") ? source.substring(1) : source);
  }

  private void checkFeelAttributes(final Element element, final List<Problem> problems) {
    final NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      final Expression expression = Expression.of(((Attr) attributes.item(i)).getValue());
      if (expression.feel()) {
        checkFeel(element, expression.text(), problems);
      }
    }
  }

  private void checkFeel(final Element element, final String source, final List<Problem> problems) {
    feelParseError
        .apply(source)
        .ifPresent(
            error -> problems.add(Problem.at(owningId(element), parseFailure(source, error))));
  }

  /** The FEEL engine's own failures already read "failed to parse expression '...': ...". */
  private static String parseFailure(final String source, final String error) {
    return error.startsWith(PARSE_FAILURE) ? error : PARSE_FAILURE + " '" + source + "': " + error;
  }

  private static void requireAttribute(
      final Element element, final String attribute, final List<Problem> problems) {
    if (element.getAttribute(attribute).isBlank()) {
      problems.add(
          Problem.at(
              owningId(element),
              "Attribute '%s' of 'zeebe:%s' must be present and not empty"
                  .formatted(attribute, element.getLocalName())));
    }
  }

  private static void requireFeel(
      final Element element, final String attribute, final List<Problem> problems) {
    if (attribute != null
        && element.hasAttribute(attribute)
        && !Expression.of(element.getAttribute(attribute)).feel()) {
      problems.add(
          Problem.at(
              owningId(element),
              "Attribute '%s' of 'zeebe:%s' must be a FEEL expression starting with '='"
                  .formatted(attribute, element.getLocalName())));
    }
  }

  /** The id of the flow element an extension element belongs to (the element's own, if any). */
  private static String owningId(final Element element) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      if (!e.getAttribute("id").isEmpty()) {
        return e.getAttribute("id");
      }
    }
    return null;
  }
}
