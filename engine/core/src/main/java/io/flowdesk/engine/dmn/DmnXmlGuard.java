package io.flowdesk.engine.dmn;

import io.flowdesk.engine.support.HardenedXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import javax.xml.parsers.SAXParser;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Screens a {@code .dmn} resource before dmn-scala sees it. Deployed XML comes from clients, so a
 * DOCTYPE (the carrier of external entities, XXE) is refused outright by a parser that resolves
 * nothing, and a document that is not DMN (a BPMN file deployed as {@code .dmn}, say) gets a clear
 * message instead of a model-API stack trace.
 */
final class DmnXmlGuard {

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  /** DMN 1.1 to 1.5 model namespaces all live under this path. */
  private static final String DMN_NAMESPACE_MARKER = "omg.org/spec/DMN/";

  private DmnXmlGuard() {}

  /** The reason the resource must be refused, or empty when dmn-scala may parse it. */
  static Optional<String> check(final String resourceName, final byte[] xml) {
    final RootElement root = new RootElement();
    try {
      final SAXParser parser = HardenedXml.saxParser();
      parser.getXMLReader().setFeature(DISALLOW_DOCTYPE, true);
      parser.parse(new InputSource(new ByteArrayInputStream(xml)), root);
    } catch (SAXParseException e) {
      return Optional.of(refusal(resourceName, e));
    } catch (SAXException | IOException e) {
      return Optional.of(
          "DMN resource '" + resourceName + "' could not be read: " + e.getMessage());
    }
    if (!"definitions".equals(root.localName)
        || root.namespace == null
        || !root.namespace.contains(DMN_NAMESPACE_MARKER)) {
      return Optional.of(
          "Resource '"
              + resourceName
              + "' is not a DMN file: expected a DMN 'definitions' root element but found '"
              + root.describe()
              + "'");
    }
    return Optional.empty();
  }

  private static String refusal(final String resourceName, final SAXParseException e) {
    final String message = String.valueOf(e.getMessage());
    if (message.contains("DOCTYPE")) {
      return "DMN resource '"
          + resourceName
          + "' was refused: it declares a DOCTYPE, which is not allowed"
          + " (XXE protection: no DTDs or external entities)";
    }
    return "DMN resource '"
        + resourceName
        + "' is not well-formed XML (line "
        + e.getLineNumber()
        + ", column "
        + e.getColumnNumber()
        + "): "
        + message;
  }

  /** Remembers the root element; the rest of the document is only checked for well-formedness. */
  private static final class RootElement extends DefaultHandler {
    private String namespace;
    private String localName;

    @Override
    public void startElement(
        final String uri, final String localName, final String qName, final Attributes attributes) {
      if (this.localName == null) {
        this.namespace = uri;
        this.localName = localName;
      }
    }

    /** Belt and braces: even if a DTD slipped through, no entity is ever fetched. */
    @Override
    public InputSource resolveEntity(final String publicId, final String systemId) {
      return new InputSource(new StringReader(""));
    }

    private String describe() {
      return namespace == null || namespace.isEmpty()
          ? String.valueOf(localName)
          : "{" + namespace + "}" + localName;
    }
  }
}
