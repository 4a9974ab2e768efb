package io.flowdesk.app.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.app.mail.LocalMailServer;
import io.flowdesk.app.mail.OutboxMail;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.domain.notification.NotificationTemplate;
import io.flowdesk.domain.notification.NotificationTemplates;
import io.flowdesk.engine.test.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The admins' notification templates with the local mail server as the mail server: only admins
 * (with the CSRF token) change them, bad placeholders are named at their field, the preview and the
 * test mail show the draft with sample values escaped and sanitised, and what an admin saves is
 * what a process's {@code flowdesk:notify} task naming the template sends.
 */
@SpringBootTest(
    classes = FlowdeskApplication.class,
    // A real web port: the app's camunda client completes user tasks through the engine's /v2
    // there.
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "flowdesk.mail.local-server=true",
      "flowdesk.public-url=https://flowdesk.example.com"
    })
@DirtiesContext
class NotificationTemplatesAdminTest {

  private static final String PASSWORD = "demo-flowdesk-2025";
  private static final String RESOLVED = "/admin/notifications/incident-resolved";

  @DynamicPropertySource
  static void ownDatabase(final DynamicPropertyRegistry registry) {
    final String url = SharedPostgres.newDatabase();
    registry.add("flowdesk.db.url", () -> url);
    final int port = freePort();
    registry.add("server.port", () -> port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired WebApplicationContext context;
  @Autowired LocalMailServer server;
  @Autowired NotificationTemplates templates;
  @Autowired CamundaClient client;

  private MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    server.clear();
  }

  private MockHttpSession signIn(final String username) throws Exception {
    final MvcResult result =
        mvc.perform(
                post("/login").param("username", username).param("password", PASSWORD).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("/login");
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private static MockHttpServletRequestBuilder submit(
      final String path,
      final String action,
      final String subject,
      final String text,
      final String html) {
    return post(path)
        .param("action", action)
        .param("subject", subject)
        .param("text", text)
        .param("html", html);
  }

  private Document page(final MockHttpServletRequestBuilder request, final int status)
      throws Exception {
    return Jsoup.parse(
        mvc.perform(request)
            .andExpect(status().is(status))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  private OutboxMail mailTo(final String address, final String subject) {
    return await("the mail to " + address)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                server.received().stream()
                    .filter(m -> m.to().contains(address) && m.subject().contains(subject))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  @Test
  void onlyAdminsSeeOrChangeTemplatesAndEveryChangeNeedsTheCsrfToken() throws Exception {
    final NotificationTemplate before = templates.of(NotificationEvent.INCIDENT_RESOLVED);
    final MockHttpSession agent = signIn("agent.anna");
    mvc.perform(get("/admin/notifications").session(agent)).andExpect(status().isForbidden());
    mvc.perform(get(RESOLVED).session(agent)).andExpect(status().isForbidden());
    mvc.perform(submit(RESOLVED, "save", "Hacked", "Hacked", "").session(agent).with(csrf()))
        .andExpect(status().isForbidden());
    final MockHttpSession admin = signIn("admin");
    mvc.perform(submit(RESOLVED, "save", "Forged", "Forged", "").session(admin))
        .andExpect(status().isForbidden());
    mvc.perform(submit(RESOLVED, "test", "Forged", "Forged", "").session(admin))
        .andExpect(status().isForbidden());

    assertThat(templates.of(NotificationEvent.INCIDENT_RESOLVED)).isEqualTo(before);
    final Document list = page(get("/admin/notifications").session(admin), 200);
    assertThat(list.select("#notification-templates tbody tr"))
        .hasSize(NotificationEvent.values().length);
    assertThat(list.select("#template-incident-resolved a").attr("href")).isEqualTo(RESOLVED);
    Thread.sleep(500);
    assertThat(server.received()).isEmpty();
  }

  @Test
  void anUnknownVariableIsNamedAtItsFieldAndNothingIsSaved() throws Exception {
    final NotificationTemplate before = templates.of(NotificationEvent.INCIDENT_COMMENTED);
    final MockHttpSession admin = signIn("admin");

    final Document page =
        page(
            submit(
                    "/admin/notifications/incident-commented",
                    "save",
                    "New comment on {{record.number}}",
                    "{{comment.text}} {{journal.workNotes}}",
                    "<p>{{comment.text}}</p>")
                .session(admin)
                .with(csrf()),
            400);

    assertThat(page.getElementById("text-error").text())
        .startsWith("unknown variable {{journal.workNotes}};")
        .contains("comment.text");
    assertThat(page.getElementById("subject-error")).isNull();
    // The admin's text stays in the form to be corrected.
    assertThat(page.getElementById("text").text())
        .isEqualTo("{{comment.text}} {{journal.workNotes}}");
    assertThat(templates.of(NotificationEvent.INCIDENT_COMMENTED)).isEqualTo(before);
  }

  @Test
  void thePreviewFillsSampleValuesEscapedAndSanitisesTheHtmlWithoutSaving() throws Exception {
    final NotificationTemplate before = templates.of(NotificationEvent.INCIDENT_COMMENTED);
    final MockHttpSession admin = signIn("admin");

    final Document page =
        page(
            submit(
                    "/admin/notifications/incident-commented",
                    "preview",
                    "Comment on {{record.number}}",
                    "{{comment.author}} wrote: {{comment.text}}",
                    "<p onclick=\"steal()\">{{comment.text}}</p><script>steal()</script>")
                .session(admin)
                .with(csrf()),
            200);

    assertThat(page.getElementById("preview-subject").text()).isEqualTo("Comment on INC0001234");
    assertThat(page.getElementById("preview-text").text())
        .isEqualTo("Anna Agent wrote: We are replacing the access point <b>today</b>.");
    final String html = page.getElementById("preview-html").attr("srcdoc");
    assertThat(html)
        .isEqualTo("<p>We are replacing the access point &lt;b&gt;today&lt;/b&gt;.</p>");
    assertThat(page.getElementById("preview-html").attr("sandbox")).isEmpty();
    assertThat(page.select("#variables code").eachText()).contains("{{comment.text}}");
    assertThat(templates.of(NotificationEvent.INCIDENT_COMMENTED)).isEqualTo(before);
  }

  @Test
  void aTestSendMailsTheDraftWithSampleValuesToTheAdminOnly() throws Exception {
    final MockHttpSession admin = signIn("admin");

    final Document page =
        page(
            submit(
                    "/admin/notifications/approval-needed",
                    "test",
                    "Approve {{approval.subject}}",
                    "Hello {{person.name}}, see {{approval.link}}",
                    "<h1>Approve</h1><p>{{approval.subject}}</p>")
                .session(admin)
                .with(csrf()),
            200);

    assertThat(page.getElementById("notice").text())
        .isEqualTo("Test mail sent to admin@example.com.");
    final OutboxMail mail = mailTo("admin@example.com", "[Test] Approve New laptop for Alice");
    assertThat(mail.text().strip())
        .isEqualTo("Hello Alice Example, see https://flowdesk.example.com/approvals/42");
    assertThat(mail.html()).contains("<h1>Approve</h1><p>New laptop for Alice</p>");
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void theCallersResolutionMailNeverCarriesTheAgentsWorkNotes() throws Exception {
    final String reported =
        mvc.perform(
                post("/api/incidents")
                    .with(httpBasic("alice", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"shortDescription\": \"Badge reader dead\", \"impact\": \"LOW\","
                            + " \"urgency\": \"LOW\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    final String number = reported.replaceAll("(?s).*\"number\"\\s*:\\s*\"(INC[0-9]+)\".*", "$1");
    // The incident reaches anna's group when its process has routed it, a moment after the report.
    await("anna's group routed " + number)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                mvc.perform(
                        post("/api/incidents/" + number + "/comments")
                            .with(httpBasic("agent.anna", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(
                                "{\"text\": \"INTERNAL the door controller password is 1234\","
                                    + " \"internal\": true}"))
                    .andReturn()
                    .getResponse()
                    .getStatus(),
            answer -> answer == 201);
    await("the resolve task of " + number)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                mvc.perform(
                        post("/api/incidents/" + number + "/resolution")
                            .with(httpBasic("agent.anna", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(
                                "{\"resolutionCode\": \"solved-permanently\","
                                    + " \"resolutionNotes\": \"Replaced the reader.\","
                                    + " \"workNote\": \"INTERNAL reader was smashed\"}"))
                    .andReturn()
                    .getResponse()
                    .getStatus(),
            answer -> answer == 202);

    final OutboxMail mail = mailTo("alice@example.com", number);
    assertThat(mail.text()).contains("Replaced the reader.").doesNotContain("INTERNAL");
    assertThat(mail.html() == null ? "" : mail.html()).doesNotContain("INTERNAL");
  }

  @Test
  void whatAnAdminSavesIsWhatAProcessNamingTheTemplateSends() throws Exception {
    final MockHttpSession admin = signIn("admin");
    mvc.perform(
            submit(
                    RESOLVED,
                    "save",
                    "Fixed: {{record.title}}",
                    "Dear {{person.name}}, {{record.number}} is fixed: {{resolution.notes}}"
                        + "{{#record.link}} ({{record.link}}){{/record.link}}",
                    "<p>Dear {{person.name}}, <b>fixed</b>: {{resolution.notes}}</p>"
                        + "<script>steal()</script>")
                .session(admin)
                .with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl(RESOLVED));
    assertThat(page(get(RESOLVED).session(admin), 200).getElementById("notice").text())
        .isEqualTo("Incident resolved template saved.");

    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("templatedNotice")
                .startEvent()
                .serviceTask(
                    "tell",
                    t ->
                        t.zeebeJobType("flowdesk:notify")
                            .zeebeInput("alice", "person")
                            .zeebeInput("incident-resolved", "template")
                            .zeebeInputExpression(
                                "{record: {number: \"INC0000077\", title: \"Printer\"},"
                                    + " resolution: {notes: notes}}",
                                "values")
                            .zeebeInputExpression("\"INC0000077\"", "recordToken"))
                .serviceTask(
                    "oldStyle",
                    t ->
                        t.zeebeJobType("flowdesk:notify")
                            .zeebeInput("alice", "person")
                            .zeebeInput("MY_RECORD_UPDATES", "kind")
                            .zeebeInputExpression("\"Old diagram: \" + notes", "subject")
                            .zeebeInputExpression("\"Still works.\"", "body"))
                .endEvent()
                .done(),
            "templatedNotice.bpmn")
        .send()
        .join();
    client
        .newCreateInstanceCommand()
        .bpmnProcessId("templatedNotice")
        .latestVersion()
        .variables(Map.of("notes", "Cleared <the> jam"))
        .send()
        .join();

    final OutboxMail mail = mailTo("alice@example.com", "Fixed: Printer");
    assertThat(mail.text().strip())
        .isEqualTo(
            "Dear Alice Andersen, INC0000077 is fixed: Cleared <the> jam"
                + " (https://flowdesk.example.com/portal/requests/INC0000077)");
    assertThat(mail.html())
        .contains("<p>Dear Alice Andersen, <b>fixed</b>: Cleared &lt;the&gt; jam</p>")
        .doesNotContain("script");
    final OutboxMail old = mailTo("alice@example.com", "Old diagram: Cleared <the> jam");
    assertThat(old.text()).contains("Hello Alice Andersen,", "Still works.");
  }
}
