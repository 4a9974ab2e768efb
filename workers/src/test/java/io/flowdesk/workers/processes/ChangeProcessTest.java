package io.flowdesk.workers.processes;

import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.AuthorizationRecord;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeRisk;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.CloseCode;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.SpringWorkers;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.change.ChangeStageWorker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The change models of processes/change/ as packaged, with DMN change-risk, their forms, the real
 * approval building block (flowdesk-approval with its workers, mail into GreenMail) and the change
 * workers, all as the app runs them (Spring beans on JPA and PostgreSQL). The engine's clock is
 * advanced for the planned start and end. The test plays the people: it answers the user tasks as
 * the inbox does and decides approvals as My approvals does.
 */
@FlowdeskEngineTest
class ChangeProcessTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static final String REQUESTER = "agent.anna";
  static final String IMPLEMENTER = "agent.nils";
  static final Duration UNTIL_START = Duration.ofDays(1);

  static ConfigurableApplicationContext app;
  static ChangeRecords changes;
  static Approvals approvals;

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Engine engine;
  final List<Long> started = new ArrayList<>();

  @BeforeEach
  void workersAndModels() {
    if (app != null) {
      return;
    }
    app =
        SpringWorkers.start(
            engine,
            "flowdesk.secrets.key=" + Base64.getEncoder().encodeToString(new byte[32]),
            "flowdesk.connectors.mail.host=127.0.0.1",
            "flowdesk.connectors.mail.port=" + GREEN_MAIL.getSmtp().getPort(),
            "flowdesk.connectors.mail.security=NONE",
            "flowdesk.connectors.mail.from=flowdesk@flowdesk.test",
            "flowdesk.connectors.mail.message-id-domain=flowdesk.test");
    changes = app.getBean(ChangeRecords.class);
    approvals = app.getBean(Approvals.class);
    final Directory directory = app.getBean(Directory.class);
    for (final String name : List.of(REQUESTER, IMPLEMENTER, "maria", "carl", "dora", "ed")) {
      directory.addPerson(name, name, name + "@example.test", Set.of(Role.AGENT), null);
    }
    directory.saveGroup(new AssignmentGroup("cab", "Change advisory board", null));
    for (final String member : List.of("carl", "dora", "ed")) {
      directory.addMember("cab", member);
    }
    ItemTesting.deploy(
        client,
        List.of(
            "change/change-standard.bpmn",
            "change/change-normal.bpmn",
            "change/change-emergency.bpmn",
            "change/change-risk.dmn",
            "approval/flowdesk-approval.bpmn"),
        List.of(
            "change-risk-assessment.form",
            "change-authorization.form",
            "change-implementation.form",
            "change-review.form",
            "approval.form"));
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
  static void stop() {
    app.close();
    app = null;
  }

  // --- raising a change as the app will -----------------------------------------------------

  record Raised(String number, long instance) {}

  Raised raise(final ChangeType type, final String template, final String serviceCriticality) {
    final Change change = record(type, template);
    final Map<String, Object> variables = new HashMap<>();
    variables.put("changeNumber", change.number());
    variables.put("shortDescription", change.shortDescription());
    variables.put("requestedBy", change.requestedBy());
    variables.put("assignmentGroup", change.assignmentGroup());
    variables.put("implementer", change.implementer());
    variables.put("plannedStart", change.plannedStart().toString());
    variables.put("plannedEnd", change.plannedEnd().toString());
    if (serviceCriticality != null) {
      variables.put("serviceCriticality", serviceCriticality);
    }
    final long instance =
        WorkerTesting.start(client, "change-" + type.name().toLowerCase(), variables);
    started.add(instance);
    changes.started(change.id(), instance, Actor.person(REQUESTER));
    return new Raised(change.number(), instance);
  }

  /** The change record as the app records it before starting its model. */
  Change record(final ChangeType type, final String template) {
    final Instant start = clock.now().plus(UNTIL_START).truncatedTo(ChronoUnit.SECONDS);
    return changes.raise(
        new NewChange(
            type,
            template,
            template == null ? "Upgrade the mail server" : null,
            null,
            REQUESTER,
            "applications",
            IMPLEMENTER,
            List.of(new AffectedCi(UUID.randomUUID(), "mail-01")),
            start,
            start.plus(Duration.ofHours(2)),
            template == null ? "Install version 10.2." : null,
            template == null ? "Reinstall version 10.1." : null,
            template == null ? "Send and receive a mail." : null,
            null,
            List.of()),
        Actor.person(REQUESTER));
  }

  Change change(final Raised raised) {
    return changes.findByNumber(raised.number()).orElseThrow();
  }

  Change awaitState(final Raised raised, final ChangeState state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> change(raised).state() == state);
    return change(raised);
  }

  /** The states the change went through after NEW, in order. */
  List<String> path(final Raised raised) {
    return changes.auditTrail(change(raised).id()).stream()
        .filter(e -> e.field().equals("state") && e.oldValue() != null)
        .map(AuditEntry::newValue)
        .toList();
  }

  List<String> workNotes(final Raised raised) {
    return changes.journal(change(raised).id(), true).stream()
        .filter(e -> e.kind() == JournalKind.WORK_NOTE)
        .map(JournalEntry::text)
        .toList();
  }

  List<String> comments(final Raised raised) {
    return changes.journal(change(raised).id(), false).stream().map(JournalEntry::text).toList();
  }

  void answerRiskQuestions(final Raised raised, final String userImpact, final boolean doneBefore) {
    final UserTask questions = awaitTask(client, raised.instance(), "riskAssessment");
    assertThat(questions.getCandidateGroups()).containsExactly("applications");
    assertThat(change(raised).state()).isEqualTo(ChangeState.ASSESS);
    complete(
        client,
        questions,
        Map.of("userImpact", userImpact, "doneBefore", doneBefore, "backoutTested", true));
  }

  /** The planned start comes: the implementation task opens for the implementer. */
  UserTask plannedStartComes(final Raised raised) {
    clock.advance(UNTIL_START.plusMinutes(1));
    final UserTask implement = awaitTask(client, raised.instance(), "implementChange");
    assertThat(implement.getCandidateUsers()).containsExactly(IMPLEMENTER);
    assertThat(implement.getCandidateGroups()).containsExactly("applications");
    return implement;
  }

  void implemented(final Raised raised, final UserTask task, final String outcome) {
    complete(
        client,
        task,
        Map.of("implementationOutcome", outcome, "implementationNotes", "Done as planned."));
  }

  void reviewed(final Raised raised, final String element) {
    final UserTask review = awaitTask(client, raised.instance(), element);
    assertThat(review.getCandidateGroups()).containsExactly("change-management");
    assertThat(change(raised).state()).isEqualTo(ChangeState.REVIEW);
    complete(client, review, Map.of("objectivesMet", true, "reviewNotes", "Went well."));
  }

  // --- the approval building block as My approvals uses it ----------------------------------

  Approval awaitApproval(final Raised raised) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> openApprovalTasks(raised.number()).size() == 3);
    return approvals.forRecord(raised.number()).get(0);
  }

  List<UserTask> openApprovalTasks(final String number) {
    final List<Long> instances =
        approvals.forRecord(number).stream().map(Approval::processInstanceKey).toList();
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.bpmnProcessId("flowdesk-approval").state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .filter(task -> instances.contains(task.getProcessInstanceKey()))
        .toList();
  }

  void decide(final Approval approval, final String approver, final boolean approve) {
    final UserTask task =
        openApprovalTasks(approval.recordNumber()).stream()
            .filter(t -> approver.equals(t.getAssignee()))
            .findFirst()
            .orElseThrow();
    final Instant now = clock.now();
    final String comment = approve ? "Plan is sound." : "Too close to month end.";
    approvals.decide(approval.id(), task.getUserTaskKey(), approver, approve, comment, null, now);
    complete(
        client,
        task,
        Map.of(
            "decision",
            approve ? "approve" : "reject",
            "comment",
            comment,
            "decidedBy",
            approver,
            "decidedAt",
            now.toString()));
  }

  // --- the models ---------------------------------------------------------------------------

  @Test
  void aStandardChangeFromItsTemplateIsScheduledImplementedAtThePlannedStartAndClosed() {
    final Raised raised = raise(ChangeType.STANDARD, "restart-app-server", null);

    awaitState(raised, ChangeState.SCHEDULED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records.passed(raised.instance(), "plannedStartReached", "ELEMENT_ACTIVATED"));
    assertThat(records.passed(raised.instance(), "implementChange", "ELEMENT_ACTIVATED")).isFalse();
    final UserTask implement = plannedStartComes(raised);
    assertThat(change(raised).state()).isEqualTo(ChangeState.IMPLEMENT);
    implemented(raised, implement, "successful");

    records.awaitCompleted(raised.instance());
    final Change closed = change(raised);
    assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(closed.closeCode()).isEqualTo(CloseCode.SUCCESSFUL);
    assertThat(closed.risk()).isEqualTo(ChangeRisk.LOW);
    assertThat(path(raised)).containsExactly("SCHEDULED", "IMPLEMENT", "CLOSED");
    assertThat(approvals.forRecord(raised.number())).isEmpty();
    assertThat(comments(raised)).containsExactly("Done as planned.");
  }

  @Test
  void aLowRiskNormalChangeIsAuthorizedByTheChangeManagerAndReviewedBeforeItCloses() {
    final Raised raised = raise(ChangeType.NORMAL, null, "low");
    answerRiskQuestions(raised, "none", true);

    final UserTask authorize = awaitTask(client, raised.instance(), "changeManagerAuthorizes");
    assertThat(authorize.getCandidateGroups()).containsExactly("change-management");
    assertThat(change(raised).risk()).isEqualTo(ChangeRisk.LOW);
    assertThat(change(raised).state()).isEqualTo(ChangeState.AUTHORIZE);
    complete(
        client,
        authorize,
        Map.of("authorizationDecision", "approved", "authorizationComment", "Routine."));

    final Change scheduled = awaitState(raised, ChangeState.SCHEDULED);
    assertThat(scheduled.authorization()).isEqualTo(Authorization.APPROVED);
    assertThat(comments(raised)).containsExactly("Change manager: approved. Routine.");
    implemented(raised, plannedStartComes(raised), "successful");
    reviewed(raised, "reviewChange");

    records.awaitCompleted(raised.instance());
    assertThat(change(raised).closeCode()).isEqualTo(CloseCode.SUCCESSFUL);
    assertThat(path(raised))
        .containsExactly("ASSESS", "AUTHORIZE", "SCHEDULED", "IMPLEMENT", "REVIEW", "CLOSED");
    assertThat(records.passed(raised.instance(), "cabAuthorizes", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(workNotes(raised)).isEmpty();
  }

  @Test
  void aModerateRiskFromACriticalServiceGoesToTheCabWhereTwoOfThreeAuthorize() {
    final Raised raised = raise(ChangeType.NORMAL, null, "high");
    answerRiskQuestions(raised, "none", true);

    final Approval cab = awaitApproval(raised);
    assertThat(change(raised).risk()).isEqualTo(ChangeRisk.MODERATE);
    assertThat(cab.approvers()).containsExactlyInAnyOrder("carl", "dora", "ed");
    assertThat(cab.required()).isEqualTo(2);
    assertThat(cab.subject()).endsWith("Upgrade the mail server (risk moderate)");
    decide(cab, "carl", true);
    assertThat(change(raised).state()).isEqualTo(ChangeState.AUTHORIZE);
    decide(cab, "dora", true);

    final Change scheduled = awaitState(raised, ChangeState.SCHEDULED);
    assertThat(scheduled.authorization()).isEqualTo(Authorization.APPROVED);
    assertThat(comments(raised))
        .containsExactly(
            "CAB: approved. carl approved: Plan is sound. dora approved: Plan is sound.");
    final AuthorizationRecord votes = changes.authorizationOf(scheduled.id()).orElseThrow();
    assertThat(votes.authority()).isEqualTo("CAB");
    assertThat(votes.quorum()).isEqualTo(2);
    assertThat(votes.votes())
        .extracting(v -> v.approver() + ":" + v.decision() + ":" + v.comment())
        .containsExactly("carl:APPROVED:Plan is sound.", "dora:APPROVED:Plan is sound.");
    assertThat(openApprovalTasks(raised.number())).isEmpty();
    implemented(raised, plannedStartComes(raised), "successful");
    reviewed(raised, "reviewChange");

    records.awaitCompleted(raised.instance());
    assertThat(path(raised))
        .containsExactly("ASSESS", "AUTHORIZE", "SCHEDULED", "IMPLEMENT", "REVIEW", "CLOSED");
    assertThat(records.passed(raised.instance(), "changeManagerAuthorizes", "ELEMENT_ACTIVATED"))
        .isFalse();
  }

  @Test
  void aHighRiskChangeStillWithTheCabAtItsPlannedStartIsWarnedAndImplementedOnceAuthorized() {
    final Raised raised = raise(ChangeType.NORMAL, null, "medium");
    answerRiskQuestions(raised, "outage", true);
    final Approval cab = awaitApproval(raised);
    assertThat(change(raised).risk()).isEqualTo(ChangeRisk.HIGH);

    clock.advance(UNTIL_START.plusMinutes(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> workNotes(raised).size() == 1);
    assertThat(workNotes(raised).get(0))
        .startsWith("Warning: the planned start")
        .contains(raised.number() + " is not authorized yet");
    assertThat(change(raised).state()).isEqualTo(ChangeState.AUTHORIZE);
    assertThat(records.passed(raised.instance(), "implementChange", "ELEMENT_ACTIVATED")).isFalse();
    decide(cab, "ed", true);
    decide(cab, "dora", true);

    // The planned start has passed: the implementation task opens as soon as it is scheduled.
    final UserTask implement = awaitTask(client, raised.instance(), "implementChange");
    assertThat(path(raised)).containsExactly("ASSESS", "AUTHORIZE", "SCHEDULED", "IMPLEMENT");
    implemented(raised, implement, "successful");
    reviewed(raised, "reviewChange");
    records.awaitCompleted(raised.instance());
    assertThat(change(raised).state()).isEqualTo(ChangeState.CLOSED);
  }

  @Test
  void anAbstentionThatPutsTheCabsQuorumOutOfReachRejectsAndEveryVoteIsRecordedOnTheChange() {
    final Raised raised = raise(ChangeType.NORMAL, null, "critical");
    answerRiskQuestions(raised, "degraded", true);
    final Approval cab = awaitApproval(raised);

    decide(cab, "carl", false);
    final UserTask task =
        openApprovalTasks(raised.number()).stream()
            .filter(t -> "dora".equals(t.getAssignee()))
            .findFirst()
            .orElseThrow();
    // Whole seconds, as the app records them.
    final Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
    approvals.decide(
        cab.id(), task.getUserTaskKey(), "dora", ApprovalAction.ABSTAINED, "I wrote it", null, now);
    complete(
        client,
        task,
        Map.of(
            "decision",
            "abstain",
            "comment",
            "I wrote it",
            "decidedBy",
            "dora",
            "decidedAt",
            now.toString()));

    records.awaitCompleted(raised.instance());
    final Change canceled = change(raised);
    assertThat(canceled.state()).isEqualTo(ChangeState.CANCELED);
    final AuthorizationRecord recorded = changes.authorizationOf(canceled.id()).orElseThrow();
    assertThat(recorded.outcome()).isEqualTo(Authorization.REJECTED);
    assertThat(recorded.quorum()).isEqualTo(2);
    assertThat(recorded.votes())
        .extracting(v -> v.approver() + ":" + v.decision() + ":" + v.comment())
        .containsExactly("carl:REJECTED:Too close to month end.", "dora:ABSTAINED:I wrote it");
    assertThat(recorded.votes().get(1).decidedAt()).isEqualTo(now);
    assertThat(comments(raised).get(0))
        .isEqualTo(
            "CAB: rejected. carl rejected: Too close to month end. dora abstained: I wrote it.");
  }

  @Test
  void aChangeTheCabRejectsIsCanceledAndNeverImplemented() {
    final Raised raised = raise(ChangeType.NORMAL, null, "critical");
    answerRiskQuestions(raised, "degraded", true);
    final Approval cab = awaitApproval(raised);

    decide(cab, "carl", false);
    decide(cab, "ed", false);

    records.awaitCompleted(raised.instance());
    final Change canceled = change(raised);
    assertThat(canceled.state()).isEqualTo(ChangeState.CANCELED);
    assertThat(canceled.authorization()).isEqualTo(Authorization.REJECTED);
    assertThat(canceled.closeCode()).isNull();
    assertThat(path(raised)).containsExactly("ASSESS", "AUTHORIZE", "CANCELED");
    assertThat(comments(raised))
        .containsExactly(
            "CAB: rejected. carl rejected: Too close to month end. ed rejected: Too close to"
                + " month end.",
            "Not authorized.");
    assertThat(records.passed(raised.instance(), "changeRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(raised.instance(), "scheduled", "ELEMENT_ACTIVATED")).isFalse();
  }

  @Test
  void anEmergencyChangeIsAuthorizedByTheEmergencyCabImplementedAtOnceAndReviewed() {
    final Raised raised = raise(ChangeType.EMERGENCY, null, null);

    final Approval ecab = awaitApproval(raised);
    assertThat(change(raised).state()).isEqualTo(ChangeState.AUTHORIZE);
    assertThat(records.variable(ecab.processInstanceKey(), "expireAfter")).isEqualTo("\"PT2H\"");
    decide(ecab, "dora", true);

    // No waiting for the planned start, a day away.
    final UserTask implement = awaitTask(client, raised.instance(), "implementChange");
    assertThat(change(raised).authorization()).isEqualTo(Authorization.APPROVED);
    implemented(raised, implement, "successful_with_issues");
    reviewed(raised, "retrospectiveReview");

    records.awaitCompleted(raised.instance());
    final Change closed = change(raised);
    assertThat(closed.closeCode()).isEqualTo(CloseCode.SUCCESSFUL_WITH_ISSUES);
    assertThat(path(raised)).containsExactly("AUTHORIZE", "IMPLEMENT", "REVIEW", "CLOSED");
  }

  @Test
  void aBackedOutImplementationOverrunningItsWindowClosesAsBackedOutAfterItsReview() {
    final Raised raised = raise(ChangeType.NORMAL, null, null);
    answerRiskQuestions(raised, "none", true);
    complete(
        client,
        awaitTask(client, raised.instance(), "changeManagerAuthorizes"),
        Map.of("authorizationDecision", "approved"));
    awaitState(raised, ChangeState.SCHEDULED);
    final UserTask implement = plannedStartComes(raised);

    clock.advance(Duration.ofHours(2));
    await().atMost(Duration.ofSeconds(30)).until(() -> workNotes(raised).size() == 1);
    assertThat(workNotes(raised).get(0))
        .startsWith("Warning: the planned end")
        .endsWith("the implementation of " + raised.number() + " is not finished.");
    implemented(raised, implement, "backed_out");
    reviewed(raised, "reviewChange");

    records.awaitCompleted(raised.instance());
    final Change closed = change(raised);
    assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(closed.closeCode()).isEqualTo(CloseCode.BACKED_OUT);
    assertThat(path(raised))
        .containsExactly("ASSESS", "AUTHORIZE", "SCHEDULED", "IMPLEMENT", "REVIEW", "CLOSED");
    assertThat(
            changes.auditTrail(closed.id()).stream()
                .filter(e -> e.field().equals("closeCode"))
                .map(AuditEntry::newValue))
        .containsExactly("BACKED_OUT");
  }

  // --- what an analyst gets wrong -----------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "implemented | | input 'stage' must be one of assess, authorize, scheduled, implement,"
            + " review, closed, canceled; was implemented",
        "assess | backedout | input 'closeCode' must be one of successful,"
            + " successful_with_issues, unsuccessful, backed_out; was backedout",
        "assess | backed_out | closeCode is only recorded from implementation on; change"
            + " %s goes to ASSESS",
      })
  void aStageTheChangeCannotTakeIsAnIncidentNamingTheProblemAndChangesNothing(
      final String stage, final String closeCode, final String message) {
    final Change change = record(ChangeType.NORMAL, null);
    final String process = WorkerTesting.processId();
    WorkerTesting.deploy(
        client,
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask(
                "move",
                t ->
                    t.zeebeJobType(ChangeStageWorker.TYPE)
                        .zeebeTaskHeader("stage", stage)
                        .zeebeInput(
                            closeCode == null ? "=null" : "=\"" + closeCode + "\"", "closeCode"))
            .endEvent()
            .done());
    final long instance =
        WorkerTesting.start(client, process, Map.of("changeNumber", change.number()));
    started.add(instance);

    assertThat(records.awaitIncidents(instance))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.errorMessage())
                    .contains("FLOWDESK_CHANGE_INVALID_INPUT")
                    .contains(message.formatted(change.number())));
    assertThat(change(new Raised(change.number(), instance)).state()).isEqualTo(ChangeState.NEW);
    assertThat(path(new Raised(change.number(), instance))).isEmpty();
  }
}
