package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.formFile;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.ApprovalState;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.EngineTime;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.approval.ApprovalExpiryWorker;
import io.flowdesk.workers.approval.ConcludeApprovalWorker;
import io.flowdesk.workers.approval.FindApproversWorker;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.notify.NotifyWorker;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/approval/flowdesk-approval.bpmn as packaged, with its form, the approval workers and
 * the email worker against GreenMail. The test plays the app's part as approvers decide: it records
 * the decision in the domain and completes the user task with the variables the app sends.
 */
@FlowdeskEngineTest
class ApprovalProcessTest {

  static final Duration BACKOFF = Duration.ofMillis(100);
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static DataSource database;
  static Approvals approvals;
  static Directory directory;
  static final List<TestWorker> workers = new ArrayList<>();

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  final List<Long> started = new ArrayList<>();

  @BeforeAll
  static void domain() {
    database = WorkerTesting.domainDatabase();
    approvals = new Approvals(database);
    directory = new Directory(database);
    for (final String name : List.of("alice", "bob", "carl", "dora", "ed", "maria", "max")) {
      directory.addPerson(
          name, name.toUpperCase(), name + "@example.test", Set.of(Role.END_USER), null);
    }
    directory.setManager("alice", "maria");
    directory.setManager("bob", "maria");
    directory.setManager("carl", "alice");
    directory.saveGroup(new AssignmentGroup("cab", "Change advisory board", null));
    directory.addMember("cab", "carl");
    directory.addMember("cab", "dora");
    directory.addMember("cab", "ed");
    directory.saveGroup(new AssignmentGroup("night-shift", "Night shift", null));
    directory.addPerson("gone", "GONE", "gone@example.test", Set.of(Role.END_USER), null);
    directory.setEnabled("gone", false);
    directory.saveGroup(new AssignmentGroup("leavers", "Leavers", null));
    directory.addMember("leavers", "gone");
  }

  @BeforeEach
  void deployAndStartWorkers() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    if (workers.isEmpty()) {
      client
          .newDeployResourceCommand()
          .addResourceString(
              processFile("approval/flowdesk-approval.bpmn"),
              StandardCharsets.UTF_8,
              "flowdesk-approval.bpmn")
          .addResourceString(formFile("approval.form"), StandardCharsets.UTF_8, "approval.form")
          .send()
          .join();
      final Clock time = new EngineTime(clock);
      worker(
          FindApproversWorker.TYPE,
          new FindApproversWorker(approvals, directory, "https://flowdesk.test/", BACKOFF)::handle);
      worker(
          ApprovalExpiryWorker.TYPE,
          new ApprovalExpiryWorker(approvals, directory, time, BACKOFF)::handle);
      worker(
          ConcludeApprovalWorker.TYPE,
          new ConcludeApprovalWorker(approvals, time, BACKOFF)::handle);
      final MailServer smtp =
          MailServer.of("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE);
      final EmailWorker mail =
          new EmailWorker(
              new MailSender(
                  new MailSenderSettings(smtp, "flowdesk@flowdesk.local", "flowdesk.local")),
              new DeliveryLog(database),
              BACKOFF);
      worker(EmailWorker.TYPE, mail::handle);
      worker(NotifyWorker.TYPE, WorkerTesting.notifyWorker(database, mail, BACKOFF)::handle);
    }
  }

  void worker(final String type, final JobHandler handler) {
    final TestWorker worker = new TestWorker(client, type);
    worker.use(handler);
    workers.add(worker);
  }

  @AfterEach
  void cancelUnfinishedInstances() {
    for (final long instance : started) {
      if ("ACTIVE".equals(records.stateOf(instance))) {
        client.newCancelInstanceCommand(instance).send().join();
      }
    }
  }

  @AfterAll
  static void stopWorkers() {
    workers.forEach(TestWorker::close);
  }

  // --- the calling process's and the app's part -----------------------------------------------

  /** An approval started as a call activity would, with a subject no other test uses. */
  record Started(long instance, String subject) {}

  Started ask(final Map<String, Object> inputs) {
    final Map<String, Object> variables = new HashMap<>();
    final String subject = "Laptop " + UUID.randomUUID().toString().substring(0, 8);
    variables.put("subject", subject);
    variables.put("requester", "alice");
    variables.put("requestedFor", "alice");
    variables.put("recordNumber", "REQ0000042");
    variables.putAll(inputs);
    final long instance = WorkerTesting.start(client, "flowdesk-approval", variables);
    started.add(instance);
    return new Started(instance, subject);
  }

  List<UserTask> openTasks(final Started approval) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.bpmnProcessId("flowdesk-approval").state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .filter(task -> isOf(task, approval))
        .toList();
  }

  // The tasks are in the instance's call hierarchy: matched through the instance key.
  private static boolean isOf(final UserTask task, final Started approval) {
    return task.getProcessInstanceKey() == approval.instance();
  }

  /** Waits until exactly these approvers have an open task, and answers the tasks. */
  List<UserTask> awaitAsked(final Started approval, final String... approvers) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                openTasks(approval).stream()
                    .map(UserTask::getAssignee)
                    .sorted()
                    .toList()
                    .equals(Arrays.stream(approvers).sorted().toList()));
    return openTasks(approval);
  }

  UserTask taskOf(final Started approval, final String approver) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                openTasks(approval).stream()
                    .filter(t -> approver.equals(t.getAssignee()))
                    .findFirst()
                    .orElse(null),
            task -> task != null);
  }

  Approval approvalOf(final Started approval) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> approvals.ofInstance(approval.instance()).isPresent());
    return approvals.ofInstance(approval.instance()).orElseThrow();
  }

  /** What the app does when an approver decides: record it, then complete the task. */
  void decide(
      final Started approval, final String approver, final boolean approve, final String comment) {
    final UserTask task =
        openTasks(approval).stream()
            .filter(t -> approver.equals(t.getAssignee()))
            .findFirst()
            .orElseThrow();
    final Instant now = clock.now();
    approvals.decide(
        approvalOf(approval).id(), task.getUserTaskKey(), approver, approve, comment, null, now);
    final Map<String, Object> variables = new HashMap<>();
    variables.put("decision", approve ? "approve" : "reject");
    variables.put("comment", comment);
    variables.put("decidedBy", approver);
    variables.put("decidedAt", now.toString());
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  /** What the app does when an approver abstains: record it with the comment, complete the task. */
  void abstain(final Started approval, final String approver, final String comment) {
    final UserTask task = taskOf(approval, approver);
    final Instant now = clock.now();
    approvals.decide(
        approvalOf(approval).id(),
        task.getUserTaskKey(),
        approver,
        ApprovalAction.ABSTAINED,
        comment,
        null,
        now);
    final Map<String, Object> variables = new HashMap<>();
    variables.put("decision", "abstain");
    variables.put("comment", comment);
    variables.put("decidedBy", approver);
    variables.put("decidedAt", now.toString());
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> outcome(final Started approval) throws Exception {
    records.awaitCompleted(approval.instance());
    return JSON.readValue(records.variable(approval.instance(), "approval"), Map.class);
  }

  static List<MimeMessage> mailsAbout(final Started approval) {
    return Arrays.stream(GREEN_MAIL.getReceivedMessages())
        .filter(m -> subject(m).contains(approval.subject()))
        .toList();
  }

  static List<MimeMessage> awaitMails(final Started approval, final int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout(approval).size() >= count);
    return mailsAbout(approval);
  }

  static String subject(final MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String recipient(final MimeMessage mail) {
    try {
      return mail.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- modes ------------------------------------------------------------------------------------

  @Test
  void anyAsksEveryoneAtOnceAndTheFirstApprovalApproves() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob", "carl"), "mode", "any"));

    final List<UserTask> tasks = awaitAsked(approval, "bob", "carl");
    assertThat(tasks).extracting(UserTask::getName).containsOnly("Approve, reject or abstain");
    final Approval recorded = approvalOf(approval);
    assertThat(recorded.recordNumber()).isEqualTo("REQ0000042");
    assertThat(recorded.approvers()).containsExactly("bob", "carl");
    final List<MimeMessage> mails = awaitMails(approval, 2);
    assertThat(mails)
        .extracting(ApprovalProcessTest::recipient)
        .containsExactlyInAnyOrder("bob@example.test", "carl@example.test");
    assertThat(GreenMailUtil.getBody(mails.get(0)))
        .contains(approval.subject() + " (REQ0000042)")
        .contains("https://flowdesk.test/portal/approvals/" + recorded.id());

    decide(approval, "carl", true, null);

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("approved");
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.get("approver")).isEqualTo("carl");
              assertThat(d.get("decision")).isEqualTo("approved");
              assertThat(d.get("decidedAt")).isNotNull();
              assertThat(d).containsKeys("comment", "delegatedFrom");
            });
    assertThat(openTasks(approval)).isEmpty();
    assertThat(approvalOf(approval).state()).isEqualTo(ApprovalState.APPROVED);
  }

  @Test
  void anyIsRejectedOnlyWhenEveryoneRejected() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob", "carl")));
    awaitAsked(approval, "bob", "carl");

    decide(approval, "bob", false, "Not in budget");
    awaitAsked(approval, "carl");
    decide(approval, "carl", false, "Agree with bob");

    assertThat(outcome(approval).get("decision")).isEqualTo("rejected");
  }

  @Test
  void allNeedsEveryApprovalAndOneRejectionRejectsAtOnce() throws Exception {
    final Started approval =
        ask(Map.of("approvers", List.of("bob", "carl", "dora"), "mode", "all"));
    awaitAsked(approval, "bob", "carl", "dora");

    decide(approval, "bob", true, "ok");
    awaitAsked(approval, "carl", "dora");
    decide(approval, "dora", false, "Too expensive");

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("rejected");
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .extracting(d -> d.get("approver") + ":" + d.get("decision") + ":" + d.get("comment"))
        .containsExactly("bob:approved:ok", "dora:rejected:Too expensive");
    assertThat(openTasks(approval)).isEmpty();
  }

  @Test
  void allApprovesOnceEveryoneApproved() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob", "carl"), "mode", "all"));
    awaitAsked(approval, "bob", "carl");

    decide(approval, "bob", true, null);
    awaitAsked(approval, "carl");
    decide(approval, "carl", true, null);

    assertThat(outcome(approval).get("decision")).isEqualTo("approved");
  }

  @Test
  void sequentialAsksOneAfterTheOtherInTheOrderGiven() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("carl", "bob"), "mode", "sequential"));

    awaitAsked(approval, "carl");
    decide(approval, "carl", true, null);
    awaitAsked(approval, "bob");
    decide(approval, "bob", true, null);

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("approved");
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .extracting(d -> d.get("approver"))
        .containsExactly("carl", "bob");
  }

  @Test
  void sequentialStopsAtTheFirstRejection() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("carl", "bob"), "mode", "sequential"));

    awaitAsked(approval, "carl");
    decide(approval, "carl", false, "No");

    assertThat(outcome(approval).get("decision")).isEqualTo("rejected");
    assertThat(approvalOf(approval).steps()).hasSize(1);
  }

  @Test
  void quorumOfAGroupApprovesWithNApprovals() throws Exception {
    final Started approval =
        ask(Map.of("approvers", List.of("group:cab"), "mode", "quorum", "quorum", 2));
    awaitAsked(approval, "carl", "dora", "ed");

    decide(approval, "carl", true, null);
    decide(approval, "dora", false, "Risky");
    awaitAsked(approval, "ed");
    decide(approval, "ed", true, null);

    assertThat(outcome(approval).get("decision")).isEqualTo("approved");
    assertThat(approvalOf(approval).required()).isEqualTo(2);
  }

  @Test
  void quorumIsRejectedOnceItCanNoLongerBeReached() throws Exception {
    final Started approval =
        ask(Map.of("approvers", List.of("group:cab"), "mode", "quorum", "quorum", "2"));
    awaitAsked(approval, "carl", "dora", "ed");

    decide(approval, "carl", false, "No");
    awaitAsked(approval, "dora", "ed");
    decide(approval, "dora", false, "No");

    assertThat(outcome(approval).get("decision")).isEqualTo("rejected");
  }

  @Test
  void firstTakesTheFirstDecisionEvenARejection() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob", "carl"), "mode", "first"));
    awaitAsked(approval, "bob", "carl");

    decide(approval, "bob", false, "Not now");

    assertThat(outcome(approval).get("decision")).isEqualTo("rejected");
    assertThat(openTasks(approval)).isEmpty();
  }

  // --- abstentions -----------------------------------------------------------------------------

  @Test
  void inAQuorumAnAbstentionCountsForNeitherSideAndTheOthersCanStillApprove() throws Exception {
    final Started approval =
        ask(Map.of("approvers", List.of("group:cab"), "mode", "quorum", "quorum", 2));
    awaitAsked(approval, "carl", "dora", "ed");

    abstain(approval, "carl", "I wrote the plan");
    awaitAsked(approval, "dora", "ed");
    decide(approval, "dora", true, null);
    awaitAsked(approval, "ed");
    decide(approval, "ed", true, null);

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("approved");
    assertThat(outcome.get("required")).isEqualTo(2);
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .extracting(d -> d.get("approver") + ":" + d.get("decision") + ":" + d.get("comment"))
        .containsExactly(
            "carl:abstained:I wrote the plan", "dora:approved:null", "ed:approved:null");
  }

  @Test
  void inAQuorumAnAbstentionThatPutsTheQuorumOutOfReachRejectsAtOnce() throws Exception {
    final Started approval =
        ask(Map.of("approvers", List.of("group:cab"), "mode", "quorum", "quorum", 2));
    awaitAsked(approval, "carl", "dora", "ed");

    decide(approval, "carl", false, "Risky");
    awaitAsked(approval, "dora", "ed");
    abstain(approval, "dora", "Not my area");

    assertThat(outcome(approval).get("decision")).isEqualTo("rejected");
    assertThat(openTasks(approval)).isEmpty();
    assertThat(approvalOf(approval).state()).isEqualTo(ApprovalState.REJECTED);
  }

  @Test
  void inAllModeAnAbstentionDoesNotBlockTheOthersApproval() throws Exception {
    final Started approval =
        ask(Map.of("approvers", List.of("bob", "carl", "dora"), "mode", "all"));
    awaitAsked(approval, "bob", "carl", "dora");

    abstain(approval, "bob", "On leave next week");
    awaitAsked(approval, "carl", "dora");
    decide(approval, "carl", true, null);
    awaitAsked(approval, "dora");
    decide(approval, "dora", true, null);

    assertThat(outcome(approval).get("decision")).isEqualTo("approved");
  }

  @Test
  void inAllModeEveryoneAbstainingIsNoApproval() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob", "carl"), "mode", "all"));
    awaitAsked(approval, "bob", "carl");

    abstain(approval, "bob", "Not mine");
    awaitAsked(approval, "carl");
    abstain(approval, "carl", "Not mine either");

    assertThat(outcome(approval).get("decision")).isEqualTo("rejected");
  }

  @Test
  void inFirstModeAnAbstentionWaitsForSomebodyWhoTakesASide() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob", "carl"), "mode", "first"));
    awaitAsked(approval, "bob", "carl");

    abstain(approval, "bob", "Conflict of interest");
    awaitAsked(approval, "carl");
    decide(approval, "carl", true, null);

    assertThat(outcome(approval).get("decision")).isEqualTo("approved");
  }

  // --- timers -----------------------------------------------------------------------------------

  @Test
  void aReminderMailsTheApproverWhoHasNotDecided() {
    final Started approval =
        ask(Map.of("approvers", List.of("bob"), "reminderAfter", "PT2H", "expireAfter", "P2D"));
    awaitAsked(approval, "bob");
    awaitMails(approval, 1);

    clock.advance(Duration.ofHours(2).plusMinutes(1));

    final MimeMessage reminder = awaitMails(approval, 2).get(1);
    assertThat(subject(reminder)).startsWith("Reminder: approval needed: ");
    assertThat(recipient(reminder)).isEqualTo("bob@example.test");
    assertThat(awaitAsked(approval, "bob")).hasSize(1);
  }

  @Test
  void anExpiredApprovalIsRejectedInTheApproversName() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob"), "expireAfter", "PT1H"));
    awaitAsked(approval, "bob");

    clock.advance(Duration.ofMinutes(61));

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("rejected");
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.get("approver")).isEqualTo("bob");
              assertThat(d.get("comment")).isEqualTo("No decision within PT1H.");
            });
  }

  @Test
  void anExpiredApprovalIsEscalatedToTheApproversManagerOnce() throws Exception {
    final Started approval =
        ask(
            Map.of(
                "approvers", List.of("bob"),
                "expireAfter", "PT1H",
                "onExpiry", "escalate",
                "requester", "ed",
                "requestedFor", "ed"));
    awaitAsked(approval, "bob");

    clock.advance(Duration.ofMinutes(61));

    awaitAsked(approval, "maria");
    assertThat(awaitMails(approval, 2).stream().map(ApprovalProcessTest::recipient).toList())
        .contains("maria@example.test");
    decide(approval, "maria", true, "Approved for bob");

    assertThat(outcome(approval).get("decision")).isEqualTo("approved");
    assertThat(approvalOf(approval).steps())
        .extracting(s -> s.actor() + " " + s.action() + " " + s.handedTo())
        .containsExactly("bob ESCALATED maria", "maria APPROVED null");
  }

  // --- delegation, comments, separation of duties, bad input ---------------------------------

  @Test
  void aDelegateDecidesOnBehalfOfTheApprover() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob")));
    final UserTask bobs = taskOf(approval, "bob");
    assertThatThrownBy(
            () ->
                approvals.delegate(
                    approvalOf(approval).id(),
                    bobs.getUserTaskKey(),
                    "bob",
                    "dora",
                    " ",
                    clock.now()))
        .hasMessage("a delegation needs a reason");
    approvals.delegate(
        approvalOf(approval).id(), bobs.getUserTaskKey(), "bob", "dora", "On leave", clock.now());
    final Map<String, Object> delegate = new LinkedHashMap<>();
    delegate.put("username", "dora");
    delegate.put("displayName", "DORA");
    delegate.put("email", "dora@example.test");
    delegate.put("delegatedFrom", "bob");
    delegate.put("escalatedFrom", null);
    client
        .newCompleteUserTaskCommand(bobs.getUserTaskKey())
        .variables(Map.of("decision", "delegate", "delegateTo", delegate))
        .send()
        .join();

    awaitAsked(approval, "dora");
    // GreenMail lists messages mailbox by mailbox, not in the order they came: pick dora's.
    assertThat(awaitMails(approval, 2))
        .filteredOn(mail -> recipient(mail).equals("dora@example.test"))
        .singleElement()
        .satisfies(
            mail ->
                assertThat(GreenMailUtil.getBody(mail))
                    .contains("bob handed this approval to you"));
    final UserTask doras = taskOf(approval, "dora");
    final Instant now = clock.now();
    approvals.decide(
        approvalOf(approval).id(), doras.getUserTaskKey(), "dora", true, null, "bob", now);
    client
        .newCompleteUserTaskCommand(doras.getUserTaskKey())
        .variables(Map.of("decision", "approve", "decidedBy", "dora", "decidedAt", now.toString()))
        .send()
        .join();

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("approved");
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.get("approver")).isEqualTo("dora");
              assertThat(d.get("delegatedFrom")).isEqualTo("bob");
            });
    assertThat(approvalOf(approval).steps())
        .extracting(s -> s.actor() + " " + s.action() + " " + s.handedTo() + " " + s.comment())
        .containsExactly("bob DELEGATED dora On leave", "dora APPROVED null null");
    assertThat(approvalOf(approval).steps().get(1).onBehalfOf()).isEqualTo("bob");
  }

  @Test
  void aRejectionCarriesItsCommentAndOneWithoutCommentIsRefused() throws Exception {
    final Started approval = ask(Map.of("approvers", List.of("bob")));
    final UserTask task = taskOf(approval, "bob");

    assertThatThrownBy(
            () ->
                approvals.decide(
                    approvalOf(approval).id(),
                    task.getUserTaskKey(),
                    "bob",
                    false,
                    " ",
                    null,
                    clock.now()))
        .hasMessage("a rejection needs a comment saying why");
    assertThat(awaitAsked(approval, "bob")).hasSize(1);

    decide(approval, "bob", false, "We have spare laptops");

    final Map<String, Object> outcome = outcome(approval);
    assertThat(outcome.get("decision")).isEqualTo("rejected");
    assertThat((List<Map<String, Object>>) outcome.get("decisions"))
        .singleElement()
        .satisfies(d -> assertThat(d.get("comment")).isEqualTo("We have spare laptops"));
  }

  @Test
  void theRequesterAndWhomItIsForAreNotAskedEvenThroughAGroupOrAsAManagerWhoseManagerIsAsked() {
    final Started approval =
        ask(
            Map.of(
                "approvers", List.of("alice", "manager:carl", "group:cab", "bob"),
                "requester", "alice",
                "requestedFor", "dora"));

    // alice is dropped; manager:carl is alice, so her own manager maria is asked instead; the
    // group's dora is whom it is for (dropped).
    awaitAsked(approval, "maria", "bob", "carl", "ed");
    assertThat(approvalOf(approval).approvers()).containsExactly("maria", "carl", "ed", "bob");
  }

  @Test
  void anApprovalOnlyTheRequesterCouldGiveIsAnIncidentNamingThem() {
    final Started approval = ask(Map.of("approvers", List.of("alice")));

    assertThat(records.awaitIncidents(approval.instance()))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.errorMessage())
                    .isEqualTo(
                        "no approver is left for '"
                            + approval.subject()
                            + "': alice may not approve their own request (separation of"
                            + " duties); name other approvers"));
    assertThat(approvals.ofInstance(approval.instance())).isEmpty();
  }

  @Test
  void anUnknownApproverIsAnIncidentNamingThem() {
    final Started approval = ask(Map.of("approvers", List.of("bob", "zed")));

    assertThat(records.awaitIncidents(approval.instance()).get(0).errorMessage())
        .isEqualTo("approver 'zed' does not exist in the directory");
    assertThat(openTasks(approval)).isEmpty();
  }

  @Test
  void aGroupWithNobodyWhoCanSignInIsAnIncidentNamingItEvenBesideOtherApprovers() {
    final Started empty = ask(Map.of("approvers", List.of("bob", "group:night-shift")));
    final Started leavers = ask(Map.of("approvers", List.of("group:leavers"), "mode", "all"));

    assertThat(records.awaitIncidents(empty.instance()))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.errorMessage())
                    .isEqualTo(
                        "approver 'group:night-shift': group 'night-shift' has no member who can"
                            + " sign in; add members or name other approvers"));
    assertThat(records.awaitIncidents(leavers.instance()).get(0).errorMessage())
        .startsWith("approver 'group:leavers': group 'leavers' has no member who can sign in");
    assertThat(openTasks(empty)).isEmpty();
    assertThat(approvals.ofInstance(empty.instance())).isEmpty();
  }

  @Test
  void badInputsAreIncidentsNamingTheInput() {
    assertThat(
            records
                .awaitIncidents(ask(Map.of("approvers", List.of("bob"), "mode", "most")).instance())
                .get(0)
                .errorMessage())
        .isEqualTo("input mode 'most' is not one of any, all, sequential, quorum, first");
    assertThat(
            records
                .awaitIncidents(
                    ask(Map.of("approvers", List.of("bob"), "expireAfter", "3 days")).instance())
                .get(0)
                .errorMessage())
        .contains("input 'expireAfter' must be an ISO-8601 duration");
    assertThat(
            records
                .awaitIncidents(ask(Map.of("approvers", List.of("manager:ed"))).instance())
                .get(0)
                .errorMessage())
        .isEqualTo("manager:ed: 'ed' has no manager in the directory");
  }

  // --- as a call activity
  // -------------------------------------------------------------------------

  @Test
  void aCallingProcessMapsTheOutcomeOutAndBranchesOnIt() {
    final String parent = WorkerTesting.processId();
    WorkerTesting.deploy(
        client,
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity(
                "approve",
                c ->
                    c.zeebeProcessId("flowdesk-approval")
                        .zeebePropagateAllParentVariables(false)
                        .zeebePropagateAllChildVariables(false)
                        .zeebeInputExpression("[\"manager:\" + requester]", "approvers")
                        .zeebeInputExpression("\"New laptop\"", "subject")
                        .zeebeInputExpression("requester", "requester")
                        .zeebeInputExpression("requester", "requestedFor")
                        .zeebeOutputExpression("approval", "approval"))
            .exclusiveGateway("approved")
            .conditionExpression("approval.decision = \"approved\"")
            .endEvent("fulfil")
            .moveToLastGateway()
            .conditionExpression("approval.decision != \"approved\"")
            .endEvent("tellRejected")
            .done());
    final long instance = WorkerTesting.start(client, parent, Map.of("requester", "bob"));
    started.add(instance);

    final UserTask task =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            f ->
                                f.assignee("maria")
                                    .state(UserTaskState.CREATED)
                                    .bpmnProcessId("flowdesk-approval"))
                        .send()
                        .join()
                        .items()
                        .stream()
                        .filter(
                            t ->
                                approvals
                                    .ofInstance(t.getProcessInstanceKey())
                                    .map(a -> "bob".equals(a.requester()))
                                    .orElse(false))
                        .findFirst()
                        .orElse(null),
                t -> t != null);
    final Approval approval = approvals.ofInstance(task.getProcessInstanceKey()).orElseThrow();
    approvals.decide(approval.id(), task.getUserTaskKey(), "maria", true, null, null, clock.now());
    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("decision", "approve", "decidedBy", "maria"))
        .send()
        .join();

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "fulfil", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.variable(instance, "approval")).contains("\"decision\": \"approved\"");
  }
}
