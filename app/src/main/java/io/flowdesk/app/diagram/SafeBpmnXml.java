package io.flowdesk.app.diagram;

import io.flowdesk.engine.support.HardenedXml;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.SAXParser;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Reads a deployed BPMN file into {@link XmlElement}s with a parser that resolves nothing.
 *
 * <p>The file is an analyst's upload, so a DOCTYPE is refused outright: it is the only way to
 * declare entities (external ones read files or URLs, nested internal ones exhaust memory) and BPMN
 * never needs one. The parser reports the DOCTYPE through {@code startDTD} before reading its
 * internal subset or fetching its external id, and the parse stops there; external entities, DTDs
 * and schemas are disabled as well, so nothing is fetched even if that callback were skipped.
 */
final class SafeBpmnXml {

  /** Deep enough for any modelled process, shallow enough that walking the tree cannot overflow. */
  static final int MAX_DEPTH = 200;

  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

  private SafeBpmnXml() {}

  /** The document's root element; throws {@link InvalidDiagramException} naming the problem. */
  static XmlElement parse(final InputSource source) {
    final TreeBuilder tree = new TreeBuilder();
    try {
      final SAXParser parser = HardenedXml.saxParser();
      parser.setProperty(LEXICAL_HANDLER, tree);
      parser.parse(source, tree);
    } catch (final DoctypeRefused e) {
      throw new InvalidDiagramException(
          "BPMN diagram refused: it declares a DOCTYPE, which is not allowed"
              + " (XXE protection: no DTDs or entities)");
    } catch (final TooDeep e) {
      throw new InvalidDiagramException(
          "BPMN diagram refused: elements are nested deeper than " + MAX_DEPTH + " levels");
    } catch (final SAXParseException e) {
      throw new InvalidDiagramException(
          "BPMN diagram is not well-formed XML (line %d, column %d): %s"
              .formatted(e.getLineNumber(), e.getColumnNumber(), e.getMessage()),
          e);
    } catch (final SAXException | IOException e) {
      throw new InvalidDiagramException("BPMN diagram could not be read: " + e.getMessage(), e);
    }
    if (tree.root == null) {
      throw new InvalidDiagramException("BPMN diagram is empty");
    }
    return tree.root;
  }

  private static final class TreeBuilder extends DefaultHandler2 {
    private final Deque<XmlElement> open = new ArrayDeque<>();
    private XmlElement root;

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

    @Override
    public void startElement(
        final String uri, final String localName, final String qName, final Attributes attributes)
        throws SAXException {
      if (open.size() >= MAX_DEPTH) {
        throw new TooDeep();
      }
      final Map<String, String> unqualified = new HashMap<>();
      for (int i = 0; i < attributes.getLength(); i++) {
        if (attributes.getURI(i).isEmpty()) {
          unqualified.put(attributes.getLocalName(i), attributes.getValue(i));
        }
      }
      final XmlElement element = new XmlElement(uri, localName, unqualified);
      if (open.isEmpty()) {
        root = element;
      } else {
        open.peek().add(element);
      }
      open.push(element);
    }

    @Override
    public void endElement(final String uri, final String localName, final String qName) {
      open.pop();
    }

    @Override
    public void characters(final char[] characters, final int start, final int length) {
      if (!open.isEmpty()) {
        open.peek().appendText(characters, start, length);
      }
    }
  }

  private static final class DoctypeRefused extends SAXException {
    private static final long serialVersionUID = 1L;

    DoctypeRefused() {
      super("DOCTYPE refused");
    }
  }

  private static final class TooDeep extends SAXException {
    private static final long serialVersionUID = 1L;

    TooDeep() {
      super("too deep");
    }
  }
}
