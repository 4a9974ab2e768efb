package io.flowdesk.app.diagram;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A rendered diagram read back with the JDK's XML parser, which fails on anything ill-formed. */
final class SvgDocument {

  private final Element root;
  private final Map<String, Element> byElementId = new LinkedHashMap<>();

  private SvgDocument(final Document document) {
    this.root = document.getDocumentElement();
    final NodeList all = root.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      final Element element = (Element) all.item(i);
      if (element.hasAttribute("data-element-id")) {
        byElementId.put(element.getAttribute("data-element-id"), element);
      }
    }
  }

  static SvgDocument parse(final String svg) {
    try {
      final DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new SvgDocument(
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    } catch (final Exception e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
    }
  }

  Element root() {
    return root;
  }

  Set<String> elementIds() {
    return byElementId.keySet();
  }

  Element element(final String id) {
    final Element element = byElementId.get(id);
    if (element == null) {
      throw new AssertionError("no element with data-element-id '" + id + "'");
    }
    return element;
  }

  List<String> classes(final String id) {
    return List.of(element(id).getAttribute("class").split(" "));
  }

  /** The ids of the elements whose class list has {@code cssClass}. */
  List<String> idsWithClass(final String cssClass) {
    final List<String> ids = new ArrayList<>();
    byElementId.forEach(
        (id, element) -> {
          if (List.of(element.getAttribute("class").split(" ")).contains(cssClass)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** The SVG elements named {@code tag} drawn for the element, in order. */
  List<Element> drawn(final String id, final String tag) {
    final NodeList nodes = element(id).getElementsByTagNameNS("*", tag);
    final List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  /** Every element of the document named {@code tag}. */
  int count(final String tag) {
    return root.getElementsByTagNameNS("*", tag).getLength()
        + (root.getLocalName().equals(tag) ? 1 : 0);
  }

  /** The texts drawn for the element (tooltip titles excluded). */
  String text(final String id) {
    final StringBuilder text = new StringBuilder();
    for (final Element element : drawn(id, "tspan")) {
      text.append(text.isEmpty() ? "" : " ").append(element.getTextContent());
    }
    return text.toString();
  }

  double[] viewBox() {
    final String[] parts = root.getAttribute("viewBox").trim().split("\\s+");
    final double[] box = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      box[i] = Double.parseDouble(parts[i]);
    }
    return box;
  }
}
