package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.RequestOptions;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's deploy-and-migrate story in Debian's Chromium against the packaged app: owner.otto
 * deploys version 1 of a process from the browser, 20 instances of it are started (through /v2, as
 * the test's setup), he deploys version 2, migrates all 20 in one batch with the element mapping,
 * and sees the batch complete with every instance's result; a deployment with an invalid diagram
 * shows the problems and deploys nothing. Screenshots at 1280 and 375 px.
 */
class OperateDeployStoryIT {

  private static final String ENGINE_TOKEN = "operate-story-engine-token";
  private static final String PROCESS = "story-maintenance";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataRoot;

  private static StoryApp app;

  @BeforeAll
  static void start() throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            "--flowdesk.security.mfa.required-roles=");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    // The server's log, for a story that failed.
    final Path logs = Files.createDirectories(Path.of("target", "operate-story"));
    try (var files = Files.list(dataRoot)) {
      for (final Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static FilePayload bpmn(final String name, final BpmnModelInstance model) {
    return new FilePayload(
        name,
        "application/octet-stream",
        Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));
  }

  private static BpmnModelInstance version(final boolean withCheck) {
    var flow =
        Bpmn.createExecutableProcess(PROCESS)
            .name("Story maintenance")
            .startEvent("start")
            .serviceTask("work", t -> t.zeebeJobType("story-work"));
    if (withCheck) {
      flow = flow.serviceTask("check", t -> t.zeebeJobType("story-check"));
    }
    return flow.endEvent("end").done();
  }

  /** Deploys through the page; answers the new version's definition key from the notice. */
  private static String deploy(final Page otto, final FilePayload file) {
    otto.navigate("/operate/deployments");
    otto.setInputFiles("#deploy-files", file);
    otto.click("#deploy");
    // Checking every element's FEEL takes a while on a loaded machine.
    try {
      otto.waitForSelector(
          "#notice, #deploy-errors", new Page.WaitForSelectorOptions().setTimeout(60_000));
    } catch (PlaywrightException e) {
      throw new AssertionError(
          "No deployment outcome at " + otto.url() + ": " + otto.innerText("body"), e);
    }
    assertThat(otto.locator("#deploy-errors")).hasCount(0);
    assertThat(otto.locator("#notice")).containsText("Deployed");
    final String href = otto.locator("#notice a").first().getAttribute("href");
    return href.substring(href.lastIndexOf('/') + 1);
  }

  private static void shoot(final Page page, final String name) {
    final Path dir = Path.of("target", "screenshots");
    page.setViewportSize(1280, 900);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    page.setViewportSize(375, 812);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.resolve(name + "-375.png")).setFullPage(true));
    final Object fits =
        page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    page.setViewportSize(1280, 900);
    assertThat(fits).as(name + ": nothing wider than a phone").isEqualTo(true);
  }

  @Test
  void anOwnerDeploysTwoVersionsAndMigratesTwentyInstancesInOneBatch() throws Exception {
    final Page otto = app.signedIn("owner.otto");
    final String v1 = deploy(otto, bpmn(PROCESS + ".bpmn", version(false)));

    final APIRequestContext engine = app.playwright().request().newContext();
    final List<String> instances = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        final APIResponse started =
            engine.post(
                app.server().baseUrl() + "/v2/process-instances",
                RequestOptions.create()
                    .setHeader("Authorization", "Bearer " + ENGINE_TOKEN)
                    .setData(Map.of("processDefinitionKey", v1)));
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        instances.add(JSON.readTree(started.text()).path("processInstanceKey").asText());
      }
    } finally {
      engine.dispose();
    }

    final String v2 = deploy(otto, bpmn(PROCESS + ".bpmn", version(true)));
    assertThat(otto.locator("#deploy-history tbody tr").first())
        .containsText("new version (previous v1)");
    shoot(otto, "operate-deployments");

    otto.navigate("/operate/batches/new?operation=migrate&processDefinitionKey=" + v1);
    assertThat(otto.locator("#source-version")).hasText(PROCESS + " v1");
    assertThat(otto.locator("#target-version")).hasValue(v2);
    assertThat(otto.locator("#map-work")).hasValue("work");
    assertThat(otto.locator("#mapping tr[data-element=work] td").first()).hasText("20");
    shoot(otto, "operate-migration-mapping");
    otto.click("#start-batch");
    otto.waitForURL("**/operate/batches/*");

    await("the batch to complete")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              otto.reload();
              return "COMPLETED".equals(otto.textContent("#batch-state").strip());
            });
    assertThat(otto.locator("#batch-items tbody tr[data-state=COMPLETED]")).hasCount(20);
    for (final String instance : instances) {
      assertThat(otto.locator("#batch-items a[href='/operate/instances/" + instance + "']"))
          .hasCount(1);
    }
    shoot(otto, "operate-batch");

    final APIRequestContext check = app.playwright().request().newContext();
    try {
      final APIResponse migrated =
          check.post(
              app.server().baseUrl() + "/v2/process-instances/search",
              RequestOptions.create()
                  .setHeader("Authorization", "Bearer " + ENGINE_TOKEN)
                  .setData(Map.of("filter", Map.of("processDefinitionKey", v2))));
      final JsonNode found = JSON.readTree(migrated.text());
      assertThat(found.path("items").size()).isEqualTo(20);
    } finally {
      check.dispose();
    }

    otto.navigate("/operate/deployments");
    otto.setInputFiles(
        "#deploy-files",
        new FilePayload[] {
          bpmn("story-good.bpmn", version(true)),
          bpmn(
              "story-broken.bpmn",
              Bpmn.createExecutableProcess("story-broken")
                  .startEvent()
                  .serviceTask("no-type")
                  .endEvent()
                  .done())
        });
    otto.click("#deploy");
    otto.waitForSelector(
        "#notice, #deploy-errors", new Page.WaitForSelectorOptions().setTimeout(60_000));
    assertThat(otto.locator("#deploy-errors")).containsText("Nothing was deployed");
    assertThat(
            otto.locator("#deploy-errors [data-file='story-broken.bpmn'] [data-element=no-type]"))
        .isVisible();
    shoot(otto, "operate-deploy-errors");
  }
}
