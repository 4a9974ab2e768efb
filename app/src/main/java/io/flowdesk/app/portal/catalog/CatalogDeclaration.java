package io.flowdesk.app.portal.catalog;

import io.flowdesk.engine.support.HardenedXml;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.SAXParser;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What a deployed BPMN process declares about itself as a catalog item: the extension properties
 * ({@code zeebe:properties}) of its process element and the form its none start event links ({@code
 * zeebe:formDefinition formId}).
 *
 * <p>The XML is an analyst's upload, read with the engine's hardened parser; a DOCTYPE is refused,
 * so no entity is ever declared, resolved or fetched.
 *
 * @param properties the process's extension properties by name, in document order
 * @param startFormId the form id the none start event links; null when it links none
 */
record CatalogDeclaration(Map<String, String> properties, String startFormId) {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  CatalogDeclaration {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * The declaration of process {@code processId} in a BPMN document.
   *
   * @throws IllegalArgumentException naming the problem when the XML cannot be read or holds no
   *     such process
   */
  static CatalogDeclaration read(final String bpmnXml, final String processId) {
    final Reader reader = new Reader(processId);
    try {
      final SAXParser parser = HardenedXml.saxParser();
      parser.getXMLReader().setFeature(DISALLOW_DOCTYPE, true);
      parser.parse(new InputSource(new StringReader(bpmnXml)), reader);
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("the BPMN XML cannot be read: " + e.getMessage(), e);
    }
    if (!reader.found) {
      throw new IllegalArgumentException("the BPMN XML holds no process " + processId);
    }
    return new CatalogDeclaration(reader.properties, reader.startFormId);
  }

  /** Follows the path from the root so that only the target process's own elements count. */
  private static final class Reader extends DefaultHandler {

    private static final String PROCESS = "bpmn:definitions/bpmn:process";

    private final String processId;
    private final List<String> path = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private boolean found;
    private boolean inTarget;
    private String startFormId;
    private String startEventFormId;
    private boolean startEventHasTrigger;

    Reader(final String processId) {
      this.processId = processId;
    }

    @Override
    public void startElement(
        final String uri, final String local, final String qName, final Attributes attributes) {
      final String parent = String.join("/", path);
      final String element = prefix(uri) + local;
      path.add(element);
      if (PROCESS.equals(parent + "/" + element)
          && !found
          && processId.equals(attributes.getValue("id"))) {
        found = true;
        inTarget = true;
        return;
      }
      if (!inTarget) {
        return;
      }
      switch (parent.substring(PROCESS.length()) + "/" + element) {
        case "/bpmn:extensionElements/zeebe:properties/zeebe:property" -> {
          if (attributes.getValue("name") != null) {
            properties.putIfAbsent(
                attributes.getValue("name"), Objects.toString(attributes.getValue("value"), ""));
          }
        }
        case "/bpmn:startEvent" -> {
          startEventFormId = null;
          startEventHasTrigger = false;
        }
        case "/bpmn:startEvent/bpmn:extensionElements/zeebe:formDefinition" ->
            startEventFormId = attributes.getValue("formId");
        default -> {
          if (parent.equals(PROCESS + "/bpmn:startEvent") && local.endsWith("EventDefinition")) {
            startEventHasTrigger = true;
          }
        }
      }
    }

    @Override
    public void endElement(final String uri, final String local, final String qName) {
      final String element = path.remove(path.size() - 1);
      if (!inTarget) {
        return;
      }
      if (path.size() == 1) {
        inTarget = false;
      } else if (path.size() == 2
          && "bpmn:startEvent".equals(element)
          && !startEventHasTrigger
          && startFormId == null) {
        startFormId = startEventFormId;
      }
    }

    private static String prefix(final String uri) {
      return BPMN.equals(uri) ? "bpmn:" : ZEEBE.equals(uri) ? "zeebe:" : "other:";
    }
  }
}
