package io.flowdesk.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.engine.test.SharedPostgres;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The app without a mail server: a {@code flowdesk:email} task's mail goes to the local GreenMail
 * and shows up in the outbox.
 */
@SpringBootTest(classes = FlowdeskApplication.class, properties = "flowdesk.mail.local-server=true")
// No other test shares this configuration: close its engine and mail server right after it.
@DirtiesContext
class LocalMailOutboxTest {

  // A database of its own: the engines of other cached test contexts share the default one, and
  // their workers must not take this test's jobs.
  @DynamicPropertySource
  static void ownDatabase(final DynamicPropertyRegistry registry) {
    final String url = SharedPostgres.newDatabase();
    registry.add("flowdesk.db.url", () -> url);
  }

  @Autowired WebApplicationContext context;
  @Autowired CamundaClient client;
  @Autowired LocalMailServer server;

  private MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).build();
    server.clear();
  }

  private static BpmnModelInstance notifyProcess() {
    return Bpmn.createExecutableProcess("notifyCaller")
        .startEvent()
        .serviceTask(
            "notify",
            t ->
                t.zeebeJobType("flowdesk:email")
                    .zeebeInputExpression("caller", "to")
                    .zeebeInputExpression("\"Your incident is resolved\"", "subject")
                    .zeebeInputExpression("\"Please confirm in the portal.\"", "body")
                    .zeebeInputExpression("htmlBody", "htmlBody")
                    .zeebeInputExpression("\"INC0000042\"", "recordToken")
                    .zeebeTaskHeader("resultVariable", "mailResult"))
        .endEvent()
        .done();
  }

  private Map<String, Object> runNotifyProcess(final String caller, final String html) {
    client
        .newDeployResourceCommand()
        .addProcessModel(notifyProcess(), "notifyCaller.bpmn")
        .send()
        .join();
    final ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("notifyCaller")
            .latestVersion()
            .variables(Map.of("caller", caller, "htmlBody", html))
            .withResult()
            .requestTimeout(Duration.ofSeconds(60))
            .send()
            .join();
    return result.getVariablesAsMap();
  }

  private Document page(final String path) throws Exception {
    return Jsoup.parse(
        mvc.perform(get(path))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void anEmailTaskSendsToTheLocalServerAndTheOutboxListsIt() throws Exception {
    final Map<String, Object> variables =
        runNotifyProcess("caller@example.com", "<p>Please <b>confirm</b>.</p>");

    assertThat(variables.get("mailResult").toString()).contains("caller@example.com");
    final Document outbox = page("/admin/outbox");
    final Element row = outbox.selectFirst("#mails tbody tr");
    assertThat(row).isNotNull();
    assertThat(row.selectFirst(".fd-to").text()).isEqualTo("caller@example.com");
    assertThat(row.selectFirst("a").text()).isEqualTo("[INC0000042] Your incident is resolved");
    assertThat(row.text()).contains("flowdesk@localhost").containsPattern("\\d{4}-\\d\\d-\\d\\d");
    assertThat(outbox.getElementById("smtp").text()).isEqualTo("127.0.0.1:" + server.smtpPort());

    final Document mail = page(row.selectFirst("a").attr("href"));
    assertThat(mail.getElementById("to").text()).isEqualTo("caller@example.com");
    assertThat(mail.getElementById("text-body").text()).isEqualTo("Please confirm in the portal.");
    assertThat(mail.getElementById("message-id").text())
        .startsWith("<INC0000042.")
        .endsWith("@localhost>");
    assertThat(mail.getElementById("html-body").attr("srcdoc"))
        .isEqualTo("<p>Please <b>confirm</b>.</p>");
  }

  @Test
  void aMailsHtmlIsNeverLiveInOurPage() throws Exception {
    final String attack =
        "<script>fetch('/admin/secrets')</script><img src=https://tracker.example/x.gif"
            + " onerror=alert(1)><p>hello</p>";
    runNotifyProcess("victim@example.com", attack);
    final String href = page("/admin/outbox").selectFirst("#mails tbody tr a").attr("href");

    final MockHttpServletResponse response =
        mvc.perform(get(href)).andExpect(status().isOk()).andReturn().getResponse();

    final String html = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("<script>fetch").doesNotContain("<img src=https");
    final Document page = Jsoup.parse(html);
    assertThat(page.select("script, img")).isEmpty();
    final Element frame = page.getElementById("html-body");
    assertThat(frame.attr("sandbox")).isEmpty();
    assertThat(frame.hasAttr("sandbox")).isTrue();
    assertThat(frame.attr("srcdoc")).isEqualTo(attack);
    assertThat(page.getElementById("html-source").text()).isEqualTo(attack);
    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("default-src 'none'")
        .doesNotContain("script-src");
  }

  @Test
  void theLocalServersImapHandsOutTheMailToItsRecipient() throws Exception {
    runNotifyProcess("reader@example.com", "<p>x</p>");

    final Properties properties = new Properties();
    properties.put("mail.imap.connectiontimeout", "5000");
    properties.put("mail.imap.timeout", "5000");
    final Store store = Session.getInstance(properties).getStore("imap");
    store.connect(server.host(), server.imapPort(), "reader@example.com", "any password");
    try {
      final Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessages())
          .extracting(m -> m.getSubject())
          .containsExactly("[INC0000042] Your incident is resolved");
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  @Test
  void theDeliveryOfTheMailIsRecordedAsSent() throws Exception {
    runNotifyProcess("logged@example.com", "<p>x</p>");

    final Document page = page("/admin/deliveries?channel=email&status=SENT");

    final Element row =
        page.select("#deliveries tbody tr").stream()
            .filter(r -> r.text().contains("logged@example.com"))
            .findFirst()
            .orElseThrow();
    assertThat(row.select("td").eachText())
        .contains("email", "SENT", "1")
        .anyMatch(text -> text.startsWith("<INC0000042."));
  }

  @Test
  void emptyingTheOutboxRemovesEveryMail() throws Exception {
    runNotifyProcess("someone@example.com", "<p>x</p>");
    assertThat(page("/admin/outbox").select("#mails tbody tr")).hasSize(1);

    mvc.perform(post("/admin/outbox/clear")).andExpect(redirectedUrl("/admin/outbox"));

    assertThat(page("/admin/outbox").getElementById("no-mail")).isNotNull();
  }

  @Test
  void anUnknownMailIsNotFound() throws Exception {
    mvc.perform(get("/admin/outbox/0123456789abcdef")).andExpect(status().isNotFound());
  }
}
