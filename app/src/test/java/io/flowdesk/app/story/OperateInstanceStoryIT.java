package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.database.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's repair story in Debian's Chromium against the packaged app: a process whose service
 * task fails (its worker gives up: no retries left) shows up in the console's instance list under
 * "with incident"; the instance page marks the task and shows the failure; the process owner fixes
 * the variable the worker choked on and retries; the worker runs again with the fixed value and the
 * instance completes.
 */
class OperateInstanceStoryIT {

  private static final String ENGINE_TOKEN = "story-" + UUID.randomUUID();
  private static final String PROCESS = "mail-notice";
  private static final String JOB_TYPE = "story-send-mail";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static ServerProcess server;
  private static APIRequestContext engine;

  @BeforeAll
  static void start() throws Exception {
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            "--flowdesk.security.mfa.required-roles=");
    server = app.server();
    engine =
        app.playwright()
            .request()
            .newContext(
                new com.microsoft.playwright.APIRequest.NewContextOptions()
                    .setBaseURL(server.baseUrl())
                    .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + ENGINE_TOKEN)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.dispose();
    }
    if (app != null) {
      app.close();
    }
  }

  private static JsonNode post(final String path, final Object body) throws Exception {
    final APIResponse answer = engine.post(path, RequestOptions.create().setData(body));
    assertThat(answer.status()).as(answer.text()).isBetween(200, 204);
    return answer.text().isBlank() ? JSON.nullNode() : JSON.readTree(answer.text());
  }

  private static void deploy() {
    final String bpmn =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(PROCESS)
                .name("Mail notice")
                .startEvent("start")
                .name("Notice due")
                .serviceTask("send", t -> t.name("Send mail").zeebeJobType(JOB_TYPE))
                .endEvent("sent")
                .name("Sent")
                .done());
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
  }

  /** The mail worker: takes one job and answers what it was given. */
  private static JsonNode activateJob() throws Exception {
    final JsonNode jobs =
        post(
            "/v2/jobs/activation",
            Map.of(
                "type", JOB_TYPE,
                "maxJobsToActivate", 1,
                "timeout", 60_000,
                "worker", "story-mail",
                "requestTimeout", 10_000));
    assertThat(jobs.get("jobs")).hasSize(1);
    return jobs.get("jobs").get(0);
  }

  @Test
  void aFailedServiceTaskIsFoundFixedRetriedAndTheInstanceCompletes() throws Exception {
    deploy();
    final long instance =
        post(
                "/v2/process-instances",
                Map.of(
                    "processDefinitionId",
                    PROCESS,
                    "variables",
                    Map.of("recipient", "nobody-at-example")))
            .get("processInstanceKey")
            .asLong();
    final JsonNode job = activateJob();
    post(
        "/v2/jobs/" + job.get("jobKey").asText() + "/failure",
        Map.of("retries", 0, "errorMessage", "Invalid recipient 'nobody-at-example': no @"));

    final Page otto = app.signedIn("owner.otto");
    otto.navigate("/operate/instances");
    otto.selectOption("#state", "incident");
    otto.fill("#process", PROCESS);
    otto.click("#instance-filter button[type=submit]");
    await("the failed instance in the list")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              otto.reload();
              return otto.locator("tr[data-instance-key='" + instance + "']").count() == 1;
            });
    assertThat(otto.locator("tr[data-instance-key='" + instance + "']")).containsText("Incident");
    shoot(otto, "operate-instances-with-incident", 375);

    otto.click("tr[data-instance-key='" + instance + "'] a[href$='/" + instance + "']");
    otto.waitForURL("**/operate/instances/" + instance);
    assertThat(otto.locator("#instance-diagram g.incident[data-element-id=send]")).hasCount(1);
    assertThat(otto.locator("#incidents")).containsText("Invalid recipient 'nobody-at-example'");
    shoot(otto, "operate-instance-incident", 375);

    otto.fill("tr[data-variable=recipient] textarea", "nobody@example.org");
    otto.click("tr[data-variable=recipient] button[type=submit]");
    assertThat(otto.locator("#variables-error")).containsText("not JSON");
    otto.fill("tr[data-variable=recipient] textarea", "\"nobody@example.org\"");
    otto.click("tr[data-variable=recipient] button[type=submit]");
    assertThat(otto.locator("#notice")).containsText("Variable recipient set");
    otto.click("#incidents button:has-text('Retry')");
    assertThat(otto.locator("#notice")).containsText("retried");

    final JsonNode again = activateJob();
    assertThat(again.get("variables").get("recipient").asText()).isEqualTo("nobody@example.org");
    post("/v2/jobs/" + again.get("jobKey").asText() + "/completion", Map.of());

    otto.reload();
    assertThat(otto.locator("#instance-state")).hasText("Completed");
    assertThat(otto.locator("#instance-diagram g.incident")).hasCount(0);
    assertThat(otto.locator("#instance-diagram g.completed[data-element-id=send]")).hasCount(1);
    shoot(otto, "operate-instance-completed", 375);
  }
}
