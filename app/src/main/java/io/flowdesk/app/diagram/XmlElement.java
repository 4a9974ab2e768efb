package io.flowdesk.app.diagram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One element of a parsed BPMN file: just enough of the document (names, unqualified attributes,
 * children, text) for drawing, so no DOM or parser object outlives the parse.
 */
final class XmlElement {

  private final String namespace;
  private final String localName;
  private final Map<String, String> attributes;
  private final List<XmlElement> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  XmlElement(final String namespace, final String localName, final Map<String, String> attributes) {
    this.namespace = namespace == null ? "" : namespace;
    this.localName = localName;
    this.attributes = new HashMap<>(attributes);
  }

  String namespace() {
    return namespace;
  }

  String localName() {
    return localName;
  }

  boolean is(final String namespace, final String localName) {
    return this.namespace.equals(namespace) && this.localName.equals(localName);
  }

  /** An attribute without a namespace prefix, as BPMN and DI write theirs. */
  String attribute(final String name) {
    return attributes.get(name);
  }

  List<XmlElement> children() {
    return Collections.unmodifiableList(children);
  }

  Stream<XmlElement> children(final String namespace, final String localName) {
    return children.stream().filter(child -> child.is(namespace, localName));
  }

  Optional<XmlElement> child(final String namespace, final String localName) {
    return children(namespace, localName).findFirst();
  }

  String text() {
    return text.toString();
  }

  void add(final XmlElement child) {
    children.add(child);
  }

  void appendText(final char[] characters, final int start, final int length) {
    text.append(characters, start, length);
  }
}
