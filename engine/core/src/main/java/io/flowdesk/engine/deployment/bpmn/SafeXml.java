package io.flowdesk.engine.deployment.bpmn;

import io.flowdesk.engine.support.HardenedXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import javax.xml.parsers.SAXParser;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Checks that a resource is well-formed XML without a DOCTYPE before any model parser sees it.
 *
 * <p>Deployed resources come from users, so a DOCTYPE is refused outright: it is the only way to
 * declare entities (external ones read files or URLs, nested internal ones explode in memory) and
 * BPMN never needs one. The DOCTYPE is detected by the {@code startDTD} callback, which the parser
 * makes as soon as it has read the declaration's name and ids and before it reads the internal
 * subset or fetches anything; external entities, external DTDs and external schemas are disabled as
 * well, so nothing is ever resolved even if that callback were skipped.
 */
final class SafeXml {

  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

  private SafeXml() {}

  /** Returns why the resource is unsafe or malformed, or empty when it may be parsed. */
  static Optional<String> check(final String resourceName, final byte[] xml) {
    final Handler handler = new Handler();
    try {
      final SAXParser parser = HardenedXml.saxParser();
      parser.setProperty(LEXICAL_HANDLER, handler);
      parser.parse(new ByteArrayInputStream(xml), handler);
      return Optional.empty();
    } catch (final DoctypeRefused e) {
      return Optional.of(
          "'" + resourceName + "': DOCTYPE declarations are not allowed (XXE protection)");
    } catch (final SAXParseException e) {
      return Optional.of(
          "'%s': malformed XML at line %d, column %d: %s"
              .formatted(resourceName, e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
    } catch (final SAXException | IOException e) {
      return Optional.of("'" + resourceName + "': unreadable XML: " + e.getMessage());
    }
  }

  /** Aborts the parse at the DOCTYPE, before its internal subset or external id is read. */
  private static final class Handler extends DefaultHandler2 {

    @Override
    public void startDTD(final String name, final String publicId, final String systemId)
        throws SAXException {
      throw new DoctypeRefused();
    }

    @Override
    public InputSource resolveEntity(
        final String name, final String publicId, final String baseUri, final String systemId) {
      // Never reached while DOCTYPEs are refused; should it be, resolve to nothing, not a file.
      return new InputSource(new StringReader(""));
    }
  }

  private static final class DoctypeRefused extends SAXException {
    DoctypeRefused() {
      super("DOCTYPE refused");
    }
  }
}
