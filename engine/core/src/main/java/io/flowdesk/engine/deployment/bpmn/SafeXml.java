package io.flowdesk.engine.deployment.bpmn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a resource once with a hardened parser before the model parser sees it: a DOCTYPE (the door
 * to XXE and entity expansion) is refused without resolving anything.
 */
final class SafeXml {

  private SafeXml() {}

  /** Empty when the bytes are well-formed XML without a DOCTYPE; else what is wrong. */
  static Optional<String> problem(final byte[] xml) {
    try {
      final SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.newSAXParser().parse(new ByteArrayInputStream(xml), new DefaultHandler());
      return Optional.empty();
    } catch (SAXParseException e) {
      final String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("DOCTYPE")) {
        return Optional.of(
            "DOCTYPE declarations are not allowed (protection against XML external entities)");
      }
      return Optional.of(
          "malformed XML at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + message);
    } catch (SAXException | IOException e) {
      return Optional.of("malformed XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's SAX parser lacks a security feature", e);
    }
  }
}
