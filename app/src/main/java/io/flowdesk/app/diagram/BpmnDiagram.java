package io.flowdesk.app.diagram;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xml.sax.InputSource;

/**
 * The drawing of a deployed BPMN process (its {@code bpmndi} layout, as Camunda Modeler saves it),
 * rendered on the server as an SVG that needs neither JavaScript nor a stylesheet, with the
 * elements a process instance is at or has passed marked.
 *
 * <p>Parse once per deployed resource (instances are immutable and thread-safe), render per page:
 *
 * <pre>{@code
 * BpmnDiagram diagram = BpmnDiagram.parse(bpmnXml);
 * String svg = diagram.toSvg(DiagramHighlight.active(Set.of("resolveIncident"))
 *     .withCompleted(Set.of("reported", "toResolve")));
 * }</pre>
 *
 * <p><b>Safe by construction:</b> the result may be inserted into an HTML page unescaped ({@code
 * th:utext}). The XML is read by a parser that refuses DOCTYPEs and resolves no entity, DTD or
 * schema; the SVG is written from scratch (never copying XML fragments), every name, id and
 * attribute value from the file is escaped, and the output contains no {@code <script>}, {@code
 * <style>}, {@code style} attributes, event handler attributes, links, CDATA or comments. Colours
 * are presentation attributes, so a Content-Security-Policy without inline styles shows it as
 * intended.
 *
 * <p>Every drawn element is a {@code <g data-element-id="...">} whose classes are {@code
 * bpmn-element}, {@code bpmn-<type>} (the BPMN local name, e.g. {@code bpmn-userTask}) and {@code
 * active} or {@code completed} when highlighted. Elements without a shape or edge in the first
 * diagram plane are not drawn; an active element inside a collapsed sub-process marks the
 * sub-process instead. A file without any layout gives a small "No diagram information" SVG. {@link
 * #toSvgWithCounts} adds count badges ({@code <g class="bpmn-badge ...">}) on top.
 */
public final class BpmnDiagram {

  private final DiagramModel model;

  private BpmnDiagram(final DiagramModel model) {
    this.model = model;
  }

  /**
   * Reads a BPMN file as deployed (its encoding declaration is honoured).
   *
   * @throws InvalidDiagramException when it is not well-formed BPMN, declares a DOCTYPE, or has
   *     diagram coordinates that are not numbers
   */
  public static BpmnDiagram parse(final byte[] xml) {
    Objects.requireNonNull(xml, "xml");
    return read(new InputSource(new ByteArrayInputStream(xml)));
  }

  /**
   * Reads a BPMN file given as text.
   *
   * @throws InvalidDiagramException as {@link #parse(byte[])}
   */
  public static BpmnDiagram parse(final String xml) {
    Objects.requireNonNull(xml, "xml");
    return read(new InputSource(new StringReader(xml)));
  }

  private static BpmnDiagram read(final InputSource source) {
    return new BpmnDiagram(BpmnModelReader.read(SafeBpmnXml.parse(source)));
  }

  /** Whether the file has any layout to draw; without it {@link #toSvg} says so in a small SVG. */
  public boolean hasLayout() {
    return !model.isEmpty();
  }

  /** The ids of the elements that are drawn (shapes and flows), in drawing-information order. */
  public Set<String> drawnElementIds() {
    final Set<String> ids = new LinkedHashSet<>();
    model.shapes().forEach(shape -> ids.add(shape.element().id()));
    model.edges().forEach(edge -> ids.add(edge.element().id()));
    return ids;
  }

  /**
   * The flow nodes (tasks, events, gateways, sub-processes, call activities) by id, each with its
   * BPMN local name ({@code serviceTask}...), in document order: what a migration maps.
   */
  public Map<String, String> flowNodeTypes() {
    final Map<String, String> types = new LinkedHashMap<>();
    model
        .elements()
        .values()
        .forEach(
            element -> {
              final String type = element.type();
              if (type.endsWith("Task")
                  || type.endsWith("Event")
                  || type.endsWith("Gateway")
                  || type.endsWith("SubProcess")
                  || type.equals("task")
                  || type.equals("callActivity")
                  || type.equals("transaction")) {
                types.put(element.id(), type);
              }
            });
    return types;
  }

  /** The diagram as modelled, nothing highlighted. */
  public String toSvg() {
    return toSvg(DiagramHighlight.none());
  }

  /** The diagram with the given elements marked active or completed; a standalone {@code <svg>}. */
  public String toSvg(final DiagramHighlight highlight) {
    return SvgRenderer.render(model, highlight == null ? DiagramHighlight.none() : highlight);
  }

  /**
   * The diagram as modelled with count badges on the drawn elements (see {@link ElementCounts});
   * counts of elements that are not drawn, and zero counts, are left out.
   */
  public String toSvgWithCounts(final Map<String, ElementCounts> counts) {
    return SvgRenderer.render(model, DiagramHighlight.none(), Map.copyOf(counts));
  }

  /** The name an element has in the file, or empty when it has none or is not in the file. */
  public String nameOf(final String elementId) {
    final SemanticElement element = model.elements().get(elementId);
    return element == null ? "" : element.name().strip();
  }
}
