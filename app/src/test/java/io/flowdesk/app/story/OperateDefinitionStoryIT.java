package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequest;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's definition pages in Debian's Chromium against the packaged app: a process deployed as
 * Camunda Modeler does, in two versions (version 1 runs straight through, version 2 waits at a
 * service task no worker serves, one of its instances with an incident); the process owner opens
 * /operate, finds the process with its counts, opens its definition page with the count badges on
 * the diagram and switches to version 1, then looks at the decisions and previews a deployed form.
 * An agent is refused. Screenshots at 1280, 390 and 375 px.
 */
class OperateDefinitionStoryIT {

  private static final String ENGINE_TOKEN = "story-operate-engine-token";
  private static final String PROCESS = "story-operate";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static long v1;
  private static long v2;

  @BeforeAll
  static void start() throws Exception {
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            "--flowdesk.security.mfa.required-roles=");
    final APIRequestContext engine =
        app.playwright()
            .request()
            .newContext(
                new APIRequest.NewContextOptions()
                    .setBaseURL(app.server().baseUrl())
                    .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + ENGINE_TOKEN)));
    try {
      v1 = deploy(engine, "<bpmn:endEvent id=\"end\" name=\"Done\"/>", "start", "end");
      v2 =
          deploy(
              engine,
              "<bpmn:serviceTask id=\"work\" name=\"Send the mail\"><bpmn:extensionElements>"
                  + "<zeebe:taskDefinition type=\"story-operate-nobody\"/></bpmn:extensionElements>"
                  + "</bpmn:serviceTask>",
              "start",
              "work");
      startInstance(engine, v1);
      startInstance(engine, v2);
      startInstance(engine, v2);
      final JsonNode jobs =
          post(
              engine,
              "/v2/jobs/activation",
              Map.of(
                  "type",
                  "story-operate-nobody",
                  "maxJobsToActivate",
                  1,
                  "timeout",
                  60_000,
                  "worker",
                  "story"));
      final String job = jobs.path("jobs").path(0).path("jobKey").asText();
      assertThat(job).isNotEmpty();
      post(engine, "/v2/jobs/" + job + "/failure", Map.of("retries", 0, "errorMessage", "No mail"));
    } finally {
      engine.dispose();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  /** A one-element process (besides its start event), laid out as Modeler does. */
  private static long deploy(
      final APIRequestContext engine, final String element, final String from, final String to)
      throws Exception {
    final boolean task = element.contains("serviceTask");
    final String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
            xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            id="story-operate-definitions" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="%1$s" name="Story operate mail" isExecutable="true">
            <bpmn:startEvent id="start" name="Asked"/>
            <bpmn:sequenceFlow id="flow" sourceRef="%2$s" targetRef="%3$s"/>
            %4$s
          </bpmn:process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane" bpmnElement="%1$s">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start">
                <dc:Bounds x="152" y="102" width="36" height="36"/>
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="%3$s_di" bpmnElement="%3$s">
                <dc:Bounds x="260" y="%5$s" width="%6$s" height="%7$s"/>
              </bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="flow_di" bpmnElement="flow">
                <di:waypoint x="188" y="120"/>
                <di:waypoint x="260" y="120"/>
              </bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """
            .formatted(
                PROCESS, from, to, element, task ? 80 : 102, task ? 100 : 36, task ? 80 : 36);
    final APIResponse answer =
        engine.post(
            "/v2/deployments",
            RequestOptions.create()
                .setMultipart(
                    FormData.create()
                        .append(
                            "resources",
                            new FilePayload(
                                PROCESS + ".bpmn",
                                "application/octet-stream",
                                bpmn.getBytes(StandardCharsets.UTF_8)))));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return JSON.readTree(answer.text())
        .path("deployments")
        .path(0)
        .path("processDefinition")
        .path("processDefinitionKey")
        .asLong();
  }

  private static void startInstance(final APIRequestContext engine, final long key)
      throws Exception {
    post(engine, "/v2/process-instances", Map.of("processDefinitionKey", Long.toString(key)));
  }

  private static JsonNode post(
      final APIRequestContext engine, final String path, final Map<String, Object> body)
      throws Exception {
    final APIResponse answer = engine.post(path, RequestOptions.create().setData(body));
    assertThat(answer.status()).as(path + ": " + answer.text()).isBetween(200, 204);
    return answer.text().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.text());
  }

  private static boolean fits(final Page page, final int width) {
    page.setViewportSize(width, 812);
    final Object fits =
        page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    page.setViewportSize(1280, 900);
    return Boolean.TRUE.equals(fits);
  }

  private static void shootNarrow(final Page page, final String name) {
    page.setViewportSize(375, 812);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target", "screenshots", name + "-375.png"))
            .setFullPage(true));
    page.setViewportSize(1280, 900);
  }

  @Test
  void theProcessOwnerFindsTheProcessAndReadsItsDefinitionPage() {
    assertThat(v1).isPositive();
    assertThat(v2).isPositive();
    final Page otto = app.signedIn("owner.otto");
    otto.click("nav >> text=Operate");
    assertThat(otto.locator("h1")).hasText("Processes");
    otto.fill("#process-q", "Story operate");
    otto.click("form[role=search] button");
    final var row = otto.locator("#processes tr[data-process-id=" + PROCESS + "]");
    await("the incident counted")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              otto.reload();
              return "1".equals(row.locator("td.fd-num").nth(1).textContent().strip());
            });
    assertThat(row.locator("td.fd-num")).hasText(new String[] {"2", "1", "1"});
    assertThat(row.locator(".fd-operate-version")).hasText(new String[] {"v2", "v1"});
    shoot(otto, "operate-processes");
    shootNarrow(otto, "operate-processes");
    assertThat(fits(otto, 375)).as("the process list fits 375 px").isTrue();

    row.locator("td a").first().click();
    otto.waitForURL("**/operate/processes/" + v2);
    assertThat(otto.locator("h1")).containsText("version 2");
    assertThat(otto.locator("g.bpmn-badge-active[data-badge-for=work] text")).hasText("1");
    assertThat(otto.locator("g.bpmn-badge-incidents[data-badge-for=work] text")).hasText("1");
    assertThat(otto.locator("g.bpmn-badge-completed[data-badge-for=start] text")).hasText("2");
    assertThat(otto.locator("#element-statistics tr[data-element-id=work] td").first())
        .containsText("Send the mail");
    shoot(otto, "operate-definition");
    shootNarrow(otto, "operate-definition");
    assertThat(fits(otto, 375)).as("the definition page fits 375 px").isTrue();

    otto.click("#versions >> text=v1");
    otto.waitForURL("**/operate/processes/" + v1);
    assertThat(otto.locator("h1")).containsText("version 1");
    assertThat(otto.locator("g.bpmn-badge-completed[data-badge-for=end] text")).hasText("1");
    assertThat(otto.locator("#definition-counts strong")).hasText(new String[] {"0", "0", "1"});

    otto.click("#operate-decisions");
    assertThat(otto.locator("#decisions tbody[data-decision-id=incident-priority]")).isVisible();
    shoot(otto, "operate-decisions");
    shootNarrow(otto, "operate-decisions");
    assertThat(fits(otto, 375)).as("the decision list fits 375 px").isTrue();

    otto.click("#operate-forms");
    assertThat(otto.locator("h1")).hasText("Forms");
    shoot(otto, "operate-forms");
    assertThat(fits(otto, 375)).as("the form list fits 375 px").isTrue();
    otto.locator("#forms .fd-operate-version").first().click();
    assertThat(otto.locator("#form-preview").locator("input, textarea, select").first())
        .isDisabled();
    assertThat(otto.locator("#form-preview label").first()).isVisible();
    shoot(otto, "operate-form-preview");
    shootNarrow(otto, "operate-form-preview");
    assertThat(fits(otto, 375)).as("the form preview fits 375 px").isTrue();

    otto.navigate("/operate/processes/no-such-key");
    assertThat(otto.locator("h1")).hasText("Not found");

    final Page anna = app.signedIn("agent.anna");
    assertThat(anna.locator("nav >> text=Operate")).hasCount(0);
    anna.navigate("/operate/processes/" + v2);
    assertThat(anna.locator("h1")).hasText("Not allowed");
  }
}
