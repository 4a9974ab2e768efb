package io.flowdesk.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The diagram of an analyst's upload is shown unescaped on agents' pages, so it must be inert. */
class BpmnDiagramSafetyTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String HOSTILE =
      "<script>alert(1)</script> & \"double\" 'single' <img src=x onerror=alert(2)>";

  private HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetches.incrementAndGet();
          final byte[] body = "<!ENTITY leaked 'FETCHED'>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void namesWithMarkupAndQuotesAreEscapedAndReadBackUnchanged() {
    final String name = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    final String svg =
        BpmnDiagram.parse(
                BpmnDiagramTest.oneTask("<task id='t' name=\"" + name + "\"/>", "t", 400, 200))
            .toSvg();

    assertThat(svg).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;");
    final SvgDocument document = SvgDocument.parse(svg);
    assertThat(document.text("t")).isEqualTo(HOSTILE);
    assertThat(document.count("script")).isZero();
    assertThat(document.count("img")).isZero();
    assertThat(document.element("t").getElementsByTagNameNS("*", "title").item(0).getTextContent())
        .isEqualTo(HOSTILE);
  }

  @Test
  void idsThatTryToCloseTheAttributeStayInsideIt() {
    final String id = "a\" onmouseover=\"alert(1)";
    final String escaped = id.replace("\"", "&quot;");
    final String svg =
        BpmnDiagram.parse(
                BpmnDiagramTest.oneTask(
                    "<task id=\"" + escaped + "\" name='n'/>", escaped, 100, 80))
            .toSvg();

    final Element group = SvgDocument.parse(svg).element(id);
    assertThat(group.hasAttribute("onmouseover")).isFalse();
    assertThat(svg).doesNotContain("onmouseover=\"");
  }

  @Test
  void anExternalEntityIsRefusedWithoutBeingFetched(@TempDir final Path dir) throws Exception {
    final Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    final String xml =
        "<?xml version='1.0'?>\n<!DOCTYPE definitions ["
            + "<!ENTITY file SYSTEM '"
            + secret.toUri()
            + "'>"
            + "<!ENTITY web SYSTEM 'http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/e'>]>\n"
            + BpmnDiagramTest.oneTask("<task id='t' name='&file;&web;'/>", "t", 100, 80);

    assertThatThrownBy(() -> BpmnDiagram.parse(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageContaining("not allowed")
        .hasMessageNotContaining("TOP-SECRET");
    assertThat(fetches).hasValue(0);
  }

  @Test
  void anExternalDtdIsRefusedWithoutBeingFetched() {
    final String xml =
        "<!DOCTYPE definitions SYSTEM 'http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/dtd'>"
            + BpmnDiagramTest.oneTask("<task id='t' name='&leaked;'/>", "t", 100, 80);

    assertThatThrownBy(() -> BpmnDiagram.parse(xml))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("DOCTYPE");
    assertThat(fetches).hasValue(0);
  }

  @Test
  void nestedInternalEntitiesAreRefused() {
    final String xml =
        "<!DOCTYPE definitions [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>"
            + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
            + BpmnDiagramTest.oneTask("<task id='t' name='&c;&c;&c;'/>", "t", 100, 80);

    assertThatThrownBy(() -> BpmnDiagram.parse(xml))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void malformedXmlIsRefusedNamingWhere() {
    assertThatThrownBy(() -> BpmnDiagram.parse("<definitions xmlns='" + BPMN + "'><process>"))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("not well-formed XML (line 1");
  }

  @Test
  void aFileThatIsNotBpmnIsRefusedNamingItsRoot() {
    assertThatThrownBy(
            () ->
                BpmnDiagram.parse(
                    "<definitions xmlns='https://www.omg.org/spec/DMN/20191111/MODEL/'/>"))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("Not a BPMN file")
        .hasMessageContaining("{https://www.omg.org/spec/DMN/20191111/MODEL/}definitions");
  }

  @Test
  void coordinatesThatAreNotNumbersAreRefusedNamingTheElement() {
    final String xml =
        BpmnDiagramTest.oneTask("<task id='t' name='n'/>", "t", 100, 80)
            .replace("width='100'", "width='wide'");

    assertThatThrownBy(() -> BpmnDiagram.parse(xml))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("'t'")
        .hasMessageContaining("width 'wide'");
  }

  @Test
  void absurdlyDeepNestingIsRefused() {
    final String xml =
        "<definitions xmlns='"
            + BPMN
            + "'>"
            + "<x>".repeat(500)
            + "</x>".repeat(500)
            + "</definitions>";

    assertThatThrownBy(() -> BpmnDiagram.parse(xml))
        .isInstanceOf(InvalidDiagramException.class)
        .hasMessageContaining("nested deeper than");
  }
}
