package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.flowdesk.app.database.ServerProcess;
import jakarta.mail.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's story in Debian's Chromium against the packaged app (local default: demo people, local
 * mail server): an analyst deploys a new catalog item (BPMN + forms) over the engine's REST API as
 * Camunda Modeler does; it appears in the portal without a restart; alice orders it; her manager
 * approves in My approvals; an agent fulfils it from the inbox; alice gets the mail and sees
 * Fulfilled. A rejected order, an item whose audience excludes alice, and bob at alice's request.
 * And an order for a colleague: the agent sees its context in the inbox, writes a work note and a
 * comment on the agents' request page; alice reads the comment, never the work note.
 */
class RequestStoryIT {

  private static final String PASSWORD = StoryApp.PASSWORD;
  private static final String ENGINE_TOKEN = "story-" + java.util.UUID.randomUUID();
  private static final String TITLE = "Laptop bag";

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static ServerProcess server;
  private static int imapPort;
  private static Playwright playwright;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    imapPort = ServerProcess.freePort();
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            // The manager approves signed in with the password alone.
            "--flowdesk.security.mfa.required-roles=",
            "--flowdesk.mail.local-smtp-port=0",
            "--flowdesk.mail.local-imap-port=" + imapPort);
    server = app.server();
    playwright = app.playwright();
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static Page signedIn(final String username) {
    return app.signedIn(username);
  }

  /** What Camunda Modeler sends for "Deploy": the files as multipart parts named resources. */
  private static void deployAsModelerDoes() {
    final APIRequestContext api = playwright.request().newContext();
    try {
      final APIResponse answer =
          api.post(
              server.baseUrl() + "/v2/deployments",
              RequestOptions.create()
                  .setHeader("Authorization", "Bearer " + ENGINE_TOKEN)
                  .setMultipart(
                      FormData.create()
                          .append("resources", file("laptop-bag.bpmn", ITEM))
                          .append("resources", file("laptop-bag.form", START_FORM))
                          .append("resources", file("laptop-bag-handover.form", TASK_FORM))));
      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    } finally {
      api.dispose();
    }
  }

  private static FilePayload file(final String name, final String text) {
    return new FilePayload(name, "application/octet-stream", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String order(final Page alice, final String why) {
    alice.navigate("/portal?q=bag");
    alice.click("text=" + TITLE);
    alice.fill("[name=why]", why);
    alice.click("form.fd-form button[type=submit]");
    alice.waitForURL("**/portal/requests/REQ*");
    return alice.textContent("#request-number").strip();
  }

  private static void decide(final Page maria, final String number, final String decision) {
    await("the approval in My approvals")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              maria.navigate("/portal/approvals");
              return maria.locator("tr:has-text('" + number + "') a").count() > 0;
            });
    maria.click("tr:has-text('" + number + "') a");
    assertThat(maria.locator("#answers")).containsText("My old bag");
    maria.check("input[name=decision][value=" + decision + "]");
    maria.fill("[name=comment]", decision.equals("reject") ? "We have bags in stock" : "Fine");
    maria.click("#decide form.fd-form button[type=submit]");
  }

  private static void awaitState(final Page alice, final String number, final String state) {
    await("request " + number + " " + state)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              alice.navigate("/portal/requests/" + number);
              return alice.textContent("#state").contains(state);
            });
  }

  @Test
  void aDeployedItemIsOrderedApprovedFulfilledAndSeenFulfilled() throws Exception {
    final Page alice = signedIn("alice");
    alice.navigate("/portal?q=bag");
    assertThat(alice.locator("text=" + TITLE)).hasCount(0);

    deployAsModelerDoes();
    await("the new item in the portal, without a restart")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              alice.navigate("/portal?q=bag");
              return alice.locator("text=" + TITLE).count() > 0;
            });
    shoot(alice, "request-story-catalog");
    final String number = order(alice, "My old bag tore");
    shoot(alice, "request-story-ordered");

    final Page maria = signedIn("manager.maria");
    decide(maria, number, "approve");
    awaitState(alice, number, "fulfilment");

    final Page anna = signedIn("agent.anna");
    await("the handover task in the service desk's inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/inbox?view=groups&sort=created");
              return anna.locator("text=Hand over the laptop bag").count() > 0;
            });
    // The task's link: the row's bulk checkbox has a hidden label with the same words.
    anna.click("a:has-text('Hand over the laptop bag')");
    anna.click("button:has-text('Claim')");
    anna.fill("[name=note]", "Left it at the front desk");
    anna.click("form.fd-form button[type=submit]");
    anna.waitForURL("**/inbox");

    final Message mail = StoryMail.awaitMail(imapPort, "alice@example.com", TITLE + ": fulfilled");
    assertThat(mail.getSubject()).contains(number).contains(TITLE + ": fulfilled");
    awaitState(alice, number, "Fulfilled");
    shoot(alice, "request-story-fulfilled");
    alice.navigate("/portal/requests");
    assertThat(alice.locator("tr:has-text('" + number + "')")).containsText("Fulfilled");

    // bob may not open alice's request, neither as a page nor over the API.
    final Page bob = signedIn("bob");
    assertThat(bob.navigate("/portal/requests/" + number).status()).isIn(403, 404);
    assertThat(bob.request().get("/api/requests/" + number).status()).isIn(403, 404);
  }

  @Test
  void aRejectedOrderEndsRejectedAndAliceIsToldWhy() throws Exception {
    deployAsModelerDoes();
    final Page alice = signedIn("alice");
    await("the item in the portal")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              alice.navigate("/portal?q=bag");
              return alice.locator("text=" + TITLE).count() > 0;
            });
    final String number = order(alice, "My old bag is fine really");
    decide(signedIn("manager.maria"), number, "reject");
    awaitState(alice, number, "Rejected");
    assertThat(alice.locator("#timeline")).containsText("Rejected by Maria");
    assertThat(alice.locator("#timeline")).containsText("We have bags in stock");
    // Submitted and Approval were passed; the fulfilment never happened.
    assertThat(alice.locator("#stage-bar .fd-stage-done")).hasCount(2);
    shoot(alice, "request-story-rejected");
  }

  @Test
  void anItemForManagersIsNeitherListedNorOrderableByAlice() {
    final Page alice = signedIn("alice");
    alice.navigate("/portal?q=onboarding");
    assertThat(alice.locator("text=New employee onboarding")).hasCount(0);
    assertThat(alice.navigate("/portal/items/onboarding").status()).isEqualTo(403);
    final String basic =
        Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    final APIRequestContext api = playwright.request().newContext();
    try {
      final APIResponse answer =
          api.post(
              server.baseUrl() + "/api/requests",
              RequestOptions.create()
                  .setHeader("Authorization", "Basic " + basic)
                  .setHeader("Content-Type", "application/json")
                  .setData("{\"item\": \"onboarding\", \"variables\": {}}"));
      assertThat(answer.status()).as(answer.text()).isEqualTo(403);
      assertThat(answer.headers().get("content-type")).contains("problem+json");
    } finally {
      api.dispose();
    }
  }

  @Test
  void anOrderForAColleagueReachesTheInboxWithItsContextAndWorkNotesStayInternal() {
    // Only agents, managers and admins order for someone else: alice is told so beside the field.
    final Page alice = signedIn("alice");
    alice.navigate("/portal");
    alice.click("#item-something-else a");
    alice.fill("#requested-for", "bob");
    alice.fill("[name=subject]", "A second monitor for room 4.12");
    alice.fill("[name=details]", "For the weekly planning meeting, by Friday.");
    alice.click("button:has-text('Send request')");
    assertThat(alice.locator("#requested-for-error")).containsText("only for yourself");
    assertThat(alice.locator("#requested-for")).hasValue("bob");
    assertThat(alice.locator("[name=subject]")).hasValue("A second monitor for room 4.12");
    shoot(alice, "request-item-refused");

    final Page anna = signedIn("agent.anna");
    anna.navigate("/portal");
    anna.click("#item-something-else a");
    anna.fill("#requested-for", "nobody.here");
    anna.fill("[name=subject]", "A second monitor for room 4.12");
    anna.fill("[name=details]", "For the weekly planning meeting, by Friday.");
    anna.click("button:has-text('Send request')");
    assertThat(anna.locator("#requested-for-error")).containsText("nobody.here");
    assertThat(anna.locator("[name=subject]")).hasValue("A second monitor for room 4.12");
    shoot(anna, "request-item-error");
    anna.fill("#requested-for", "bob");
    anna.click("button:has-text('Send request')");
    anna.waitForURL("**/portal/requests/REQ*");
    final String number = anna.textContent("#request-number").strip();
    assertThat(anna.locator("#requested-for")).hasText("bob");

    final Page bob = signedIn("bob");
    bob.navigate("/portal/requests/" + number);
    bob.setInputFiles("#attachment-file", file("room-4.12-plan.txt", "Desk by the window"));
    bob.click("#attachment-file ~ button:has-text('Attach')");
    assertThat(bob.locator("#attachments")).containsText("room-4.12-plan.txt");

    await("the task in the service desk's inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/inbox?view=groups&sort=created");
              return anna.locator("tr:has-text('" + number + "')").count() == 1;
            });
    final Locator row = anna.locator("tr:has-text('" + number + "')");
    assertThat(row.locator(".fd-request-context")).containsText("by agent.anna for bob");
    assertThat(row.locator(".fd-request-context")).containsText("A second monitor for room 4.12");
    shoot(anna, "inbox-request");

    row.locator(".fd-request-context a").click();
    anna.waitForURL("**/requests/" + number);
    anna.fill("#journal-text", "Monitor from stock, asset 4711");
    anna.click("button:has-text('Add work note')");
    assertThat(anna.locator(".fd-flash")).containsText("Work note added");
    anna.fill("#journal-text", "Your monitor arrives on Thursday.");
    anna.click("button:has-text('Add comment')");
    anna.setInputFiles("#attachment-file", file("delivery-note.txt", "Asset 4711"));
    anna.click("#attachment-file ~ button:has-text('Attach')");
    assertThat(anna.locator("#attachments")).containsText("delivery-note.txt");
    assertThat(anna.locator("#timeline")).containsText("Monitor from stock, asset 4711");
    assertThat(anna.locator("#process-diagram svg")).isVisible();
    shoot(anna, "agent-request");

    bob.navigate("/portal/requests/" + number);
    assertThat(bob.locator("#timeline")).containsText("Your monitor arrives on Thursday.");
    assertThat(bob.locator("body")).not().containsText("4711");
    assertThat(bob.locator("#attachments")).containsText("delivery-note.txt");
    shoot(bob, "portal-request");

    bob.navigate("/portal/items/something-else");
    shoot(bob, "request-item");
    assertThat(bob.navigate("/requests/" + number).status()).isEqualTo(403);
  }

  private static final String START_FORM =
      """
      {"id": "laptop-bag", "type": "default", "schemaVersion": 19,
       "components": [
         {"type": "textfield", "key": "why", "label": "Why do you need one?", "id": "why",
          "validate": {"required": true, "maxLength": 200}}]}""";

  private static final String TASK_FORM =
      """
      {"id": "laptop-bag-handover", "type": "default", "schemaVersion": 19,
       "components": [
         {"type": "textfield", "key": "note", "label": "Where did you leave it?", "id": "note",
          "validate": {"required": true}}]}""";

  private static final String ITEM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="laptop-bag-definitions"
          targetNamespace="https://example.com/processes">
        <bpmn:process id="laptop-bag" name="Laptop bag" isExecutable="true">
          <bpmn:extensionElements>
            <zeebe:properties>
              <zeebe:property name="catalog.category" value="Hardware" />
              <zeebe:property name="catalog.description" value="A bag for your laptop." />
              <zeebe:property name="catalog.keywords" value="bag, sleeve" />
              <zeebe:property name="catalog.fulfilmentTarget" value="P5D" />
            </zeebe:properties>
          </bpmn:extensionElements>
          <bpmn:startEvent id="ordered">
            <bpmn:extensionElements><zeebe:formDefinition formId="laptop-bag" /></bpmn:extensionElements>
            <bpmn:outgoing>f1</bpmn:outgoing>
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="ordered" targetRef="awaitApproval" />
          <bpmn:serviceTask id="awaitApproval" name="Awaits approval">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="flowdesk:request-stage" />
              <zeebe:taskHeaders><zeebe:header key="stage" value="approval" /></zeebe:taskHeaders>
            </bpmn:extensionElements>
            <bpmn:incoming>f1</bpmn:incoming>
            <bpmn:outgoing>f2</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="awaitApproval" targetRef="approve" />
          <bpmn:callActivity id="approve" name="Manager approves">
            <bpmn:extensionElements>
              <zeebe:calledElement processId="flowdesk-approval"
                  propagateAllChildVariables="false" propagateAllParentVariables="false" />
              <zeebe:ioMapping>
                <zeebe:input source="=[&quot;manager:&quot; + requestedFor]" target="approvers" />
                <zeebe:input source="=&quot;Laptop bag for &quot; + requestedFor" target="subject" />
                <zeebe:input source="=requester" target="requester" />
                <zeebe:input source="=requestedFor" target="requestedFor" />
                <zeebe:input source="=requestNumber" target="recordNumber" />
                <zeebe:output source="=approval" target="approval" />
              </zeebe:ioMapping>
            </bpmn:extensionElements>
            <bpmn:incoming>f2</bpmn:incoming>
            <bpmn:outgoing>f3</bpmn:outgoing>
          </bpmn:callActivity>
          <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="approved" />
          <bpmn:exclusiveGateway id="approved" default="no">
            <bpmn:incoming>f3</bpmn:incoming>
            <bpmn:outgoing>yes</bpmn:outgoing>
            <bpmn:outgoing>no</bpmn:outgoing>
          </bpmn:exclusiveGateway>
          <bpmn:sequenceFlow id="yes" sourceRef="approved" targetRef="inFulfilment">
            <bpmn:conditionExpression>=approval.decision = "approved"</bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="no" sourceRef="approved" targetRef="rejected" />
          <bpmn:serviceTask id="rejected" name="Rejected">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="flowdesk:request-stage" />
              <zeebe:taskHeaders><zeebe:header key="stage" value="rejected" /></zeebe:taskHeaders>
            </bpmn:extensionElements>
            <bpmn:incoming>no</bpmn:incoming>
            <bpmn:outgoing>f4</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f4" sourceRef="rejected" targetRef="endRejected" />
          <bpmn:endEvent id="endRejected"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
          <bpmn:serviceTask id="inFulfilment" name="In fulfilment">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="flowdesk:request-stage" />
              <zeebe:taskHeaders><zeebe:header key="stage" value="fulfilment" /></zeebe:taskHeaders>
            </bpmn:extensionElements>
            <bpmn:incoming>yes</bpmn:incoming>
            <bpmn:outgoing>f5</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f5" sourceRef="inFulfilment" targetRef="handOver" />
          <bpmn:userTask id="handOver" name="Hand over the laptop bag">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:formDefinition formId="laptop-bag-handover" />
              <zeebe:assignmentDefinition candidateGroups="service-desk" />
            </bpmn:extensionElements>
            <bpmn:incoming>f5</bpmn:incoming>
            <bpmn:outgoing>f6</bpmn:outgoing>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f6" sourceRef="handOver" targetRef="fulfilled" />
          <bpmn:serviceTask id="fulfilled" name="Fulfilled">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="flowdesk:request-stage" />
              <zeebe:taskHeaders><zeebe:header key="stage" value="fulfilled" /></zeebe:taskHeaders>
            </bpmn:extensionElements>
            <bpmn:incoming>f6</bpmn:incoming>
            <bpmn:outgoing>f7</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f7" sourceRef="fulfilled" targetRef="done" />
          <bpmn:endEvent id="done"><bpmn:incoming>f7</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
