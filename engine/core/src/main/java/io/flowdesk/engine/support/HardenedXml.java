package io.flowdesk.engine.support;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;

/**
 * SAX parsers for XML that users upload (BPMN, DMN): namespace-aware, not validating, with secure
 * processing on and external entities, external DTDs and external schemas off, so nothing is ever
 * fetched or read from the file system. Callers that must refuse any DOCTYPE (the only way to
 * declare entities) do so in their handler's {@code startDTD} or with the disallow-doctype feature.
 */
public final class HardenedXml {

  private HardenedXml() {}

  /**
   * A new parser (JAXP factories and parsers are not thread-safe; make one per document). The JDK's
   * own parser, not whatever a library on the classpath registers: the features below are only
   * known to be honoured by it.
   */
  public static SAXParser saxParser() throws SAXException {
    final SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      final SAXParser parser = factory.newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return parser;
    } catch (final ParserConfigurationException e) {
      throw new IllegalStateException("The JDK XML parser cannot be hardened", e);
    }
  }
}
