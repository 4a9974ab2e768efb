package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.formFile;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobHandler;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.AuditEntry;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.servicelevel.BusinessCalendar;
import io.flowdesk.domain.servicelevel.Holiday;
import io.flowdesk.domain.servicelevel.Schedule;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.domain.servicelevel.WorkingInterval;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.EngineTime;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.incident.CancelIncidentWorker;
import io.flowdesk.workers.incident.ClassifyIncidentWorker;
import io.flowdesk.workers.incident.CloseIncidentWorker;
import io.flowdesk.workers.incident.HoldIncidentWorker;
import io.flowdesk.workers.incident.ReopenIncidentWorker;
import io.flowdesk.workers.incident.ResolveIncidentWorker;
import io.flowdesk.workers.incident.ResumeIncidentWorker;
import io.flowdesk.workers.incident.SlaBreachWorker;
import io.flowdesk.workers.incident.SlaWarningWorker;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.notify.NotifyWorker;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/incident.bpmn as packaged, with its decisions, its form, the incident workers and the
 * email worker against GreenMail. The test plays the app's part: it records the incident, starts
 * the process, claims and completes the "Resolve incident" task and publishes the messages.
 */
@FlowdeskEngineTest
class IncidentProcessTest {

  static final String CALLER_EMAIL = "carol@example.test";
  static final String NETWORK_MANAGER_EMAIL = "nina.manager@flowdesk.test";
  static final String ASSIGNEE_EMAIL = "alex@flowdesk.test";
  static final Duration BACKOFF = Duration.ofMillis(100);

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static DataSource database;
  static IncidentRecords incidents;
  static Directory directory;
  static ServiceLevels levels;
  static final List<TestWorker> workers = new ArrayList<>();
  static TestWorker classify;
  static ClassifyIncidentWorker classifier;

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  final List<Long> started = new ArrayList<>();

  /** An incident the test reported and the process instance working on it. */
  record Reported(long id, String number, long instance) {}

  @BeforeAll
  static void domain() {
    database = WorkerTesting.domainDatabase();
    incidents = new IncidentRecords(database);
    directory = new Directory(database);
    levels = new ServiceLevels(database);
    directory.addPerson("carol", "Carol Caller", CALLER_EMAIL, Set.of(Role.END_USER), null);
    directory.addPerson("alex", "Alex Agent", ASSIGNEE_EMAIL, Set.of(Role.AGENT), null);
    directory.addPerson("nina", "Nina Network", NETWORK_MANAGER_EMAIL, Set.of(Role.MANAGER), null);
    directory.saveGroup(new AssignmentGroup("network-team", "Network team", "nina"));
    directory.saveGroup(new AssignmentGroup("workplace-team", "Workplace team", null));
  }

  @BeforeEach
  void deployAndStartWorkers() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    if (workers.isEmpty()) {
      client
          .newDeployResourceCommand()
          .addResourceString(processFile("incident.bpmn"), StandardCharsets.UTF_8, "incident.bpmn")
          .addResourceString(
              processFile("incident-priority.dmn"), StandardCharsets.UTF_8, "incident-priority.dmn")
          .addResourceString(
              processFile("incident-assignment.dmn"),
              StandardCharsets.UTF_8,
              "incident-assignment.dmn")
          .addResourceString(
              formFile("report-incident.form"), StandardCharsets.UTF_8, "report-incident.form")
          .addResourceString(
              formFile("resolve-incident.form"), StandardCharsets.UTF_8, "resolve-incident.form")
          .send()
          .join();
      final Clock time = new EngineTime(clock);
      classifier = new ClassifyIncidentWorker(incidents, directory, levels, time, BACKOFF);
      classify = worker(ClassifyIncidentWorker.TYPE, classifier::handle);
      worker(SlaBreachWorker.TYPE, new SlaBreachWorker(incidents, BACKOFF)::handle);
      worker(
          SlaWarningWorker.TYPE, new SlaWarningWorker(incidents, directory, time, BACKOFF)::handle);
      worker(
          HoldIncidentWorker.TYPE,
          new HoldIncidentWorker(incidents, levels, time, BACKOFF)::handle);
      worker(
          ResumeIncidentWorker.TYPE,
          new ResumeIncidentWorker(incidents, levels, time, BACKOFF)::handle);
      worker(
          ResolveIncidentWorker.TYPE,
          new ResolveIncidentWorker(incidents, levels, time, BACKOFF)::handle);
      worker(
          ReopenIncidentWorker.TYPE,
          new ReopenIncidentWorker(incidents, levels, time, BACKOFF)::handle);
      worker(CloseIncidentWorker.TYPE, new CloseIncidentWorker(incidents, BACKOFF)::handle);
      worker(CancelIncidentWorker.TYPE, new CancelIncidentWorker(incidents, BACKOFF)::handle);
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
    classify.use(classifier::handle);
  }

  TestWorker worker(final String type, final JobHandler handler) {
    final TestWorker worker = new TestWorker(client, type);
    worker.use(handler);
    workers.add(worker);
    return worker;
  }

  /** Instances a test leaves waiting must not fire their timers into the next test. */
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

  // --- the app's part -------------------------------------------------------------------------

  Reported report(
      final String shortDescription,
      final String category,
      final String configurationItem,
      final String impact,
      final String urgency) {
    final Incident incident =
        incidents.report(
            new NewIncident(
                "carol",
                shortDescription,
                "Reported through the portal",
                category,
                configurationItem,
                Level.valueOf(impact.toUpperCase(Locale.ROOT)),
                Level.valueOf(urgency.toUpperCase(Locale.ROOT))),
            ChangeSource.person("carol"));
    return start(incident, impact, urgency);
  }

  Reported start(final Incident incident, final String impact, final String urgency) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("incidentId", incident.id());
    variables.put("incidentNumber", incident.number());
    variables.put("caller", "carol");
    variables.put("callerEmail", CALLER_EMAIL);
    variables.put("callerName", "Carol Caller");
    variables.put("shortDescription", incident.shortDescription());
    variables.put("category", incident.category());
    variables.put("configurationItem", incident.configurationItem());
    variables.put("impact", impact);
    variables.put("urgency", urgency);
    final long instance = WorkerTesting.start(client, "incident", variables);
    started.add(instance);
    return new Reported(incident.id(), incident.number(), instance);
  }

  UserTask awaitTask(final Reported incident) {
    final UserTask[] task = new UserTask[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              final List<UserTask> open =
                  client
                      .newUserTaskSearchRequest()
                      .filter(
                          f ->
                              f.processInstanceKey(incident.instance())
                                  .state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items();
              task[0] = open.isEmpty() ? null : open.get(0);
              return task[0] != null;
            });
    return task[0];
  }

  /** An agent of the group claims the task; the app records the first response. */
  void claim(final UserTask task, final Reported incident) {
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("alex").send().join();
    final IncidentChange change = IncidentChange.of().state(IncidentState.IN_PROGRESS);
    change.assignee("alex");
    if (record(incident).respondedAt() == null) {
      change.respondedAt(clock.now());
    }
    incidents.change(incident.id(), change, ChangeSource.person("alex"));
  }

  void complete(final UserTask task, final Map<String, Object> formVariables) {
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(formVariables).send().join();
  }

  void resolve(final UserTask task, final String notes) {
    complete(
        task,
        Map.of(
            "outcome",
            "resolve",
            "resolutionCode",
            "workaround",
            "resolutionNotes",
            notes,
            "workNote",
            "Checked the logs first"));
  }

  void publish(final String message, final Reported incident, final Map<String, Object> vars) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(incident.number())
        .timeToLive(Duration.ofMinutes(1))
        .variables(vars)
        .send()
        .join();
  }

  void callerResponds(final Reported incident, final String decision) {
    publish("incident-caller-response", incident, Map.of("callerDecision", decision));
  }

  Incident record(final Reported incident) {
    return incidents.find(incident.id()).orElseThrow();
  }

  Incident awaitRecord(final Reported incident, final IncidentState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> record(incident).state() == state);
    return record(incident);
  }

  List<String> states(final Reported incident) {
    return incidents.auditTrail(incident.id()).stream()
        .filter(e -> e.field().equals("state"))
        .map(AuditEntry::newValue)
        .toList();
  }

  /** The mails about one incident (its number is in every subject). */
  static List<MimeMessage> mailsAbout(final Reported incident) {
    return Arrays.stream(GREEN_MAIL.getReceivedMessages())
        .filter(m -> subject(m).contains("[" + incident.number() + "]"))
        .toList();
  }

  /** The one mail about {@code incident} to {@code address}, once it is there. */
  static MimeMessage mailTo(final Reported incident, final String address) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> mailsAbout(incident).stream().anyMatch(m -> recipient(m).equals(address)));
    return mailsAbout(incident).stream()
        .filter(m -> recipient(m).equals(address))
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one mail to " + address);
            })
        .orElseThrow();
  }

  static List<MimeMessage> awaitMails(final Reported incident, final int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout(incident).size() >= count);
    return mailsAbout(incident);
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

  void awaitPassed(final Reported incident, final String elementId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records.passed(incident.instance(), elementId, "ELEMENT_COMPLETED"));
  }

  /** When the latest timer of a boundary or catch event is due, from the record log. */
  Instant timerDue(final Reported incident, final String elementId) throws Exception {
    final List<EngineRecords.Entry> timers =
        records.of(incident.instance()).stream()
            .filter(e -> e.valueType().equals("TIMER") && e.intent().equals("CREATED"))
            .filter(e -> elementId.equals(e.elementId()))
            .toList();
    assertThat(timers).as("timers of %s", elementId).isNotEmpty();
    final long millis =
        new ObjectMapper()
            .readTree(timers.get(timers.size() - 1).payload())
            .path("dueDate")
            .asLong();
    return Instant.ofEpochMilli(millis);
  }

  // --- the paths ------------------------------------------------------------------------------

  @Test
  void aResolvedIncidentIsMailedToTheCallerAndClosedWhenTheyConfirm() {
    final Instant reported = clock.now();
    final Reported incident =
        report("VPN drops every few minutes", "software", "VPN client", "medium", "high");

    final UserTask task = awaitTask(incident);
    final Incident classified = record(incident);
    assertThat(classified.priority()).isEqualTo(Priority.P2);
    assertThat(classified.assignmentGroup()).isEqualTo("network-team");
    assertThat(classified.processInstanceKey()).isEqualTo(incident.instance());
    assertThat(Duration.between(reported, classified.responseDue()))
        .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
    assertThat(Duration.between(reported, classified.resolutionDue()))
        .isBetween(Duration.ofHours(8).minusMinutes(1), Duration.ofHours(8).plusMinutes(1));
    assertThat(task.getElementId()).isEqualTo("resolveIncident");
    assertThat(task.getCandidateGroups()).containsExactly("network-team");
    assertThat(task.getPriority()).isEqualTo(70);
    assertThat(task.getDueDate().toInstant()).isEqualTo(classified.resolutionDue());
    assertThat(task.getFormKey()).isNotNull();

    claim(task, incident);
    resolve(task, "Replaced the VPN profile on the laptop");

    final Incident resolved = awaitRecord(incident, IncidentState.RESOLVED);
    assertThat(resolved.resolutionCode()).isEqualTo("workaround");
    assertThat(resolved.resolutionNotes()).isEqualTo("Replaced the VPN profile on the laptop");
    final MimeMessage mail = awaitMails(incident, 1).get(0);
    assertThat(recipient(mail)).isEqualTo(CALLER_EMAIL);
    assertThat(subject(mail))
        .isEqualTo("[" + incident.number() + "] Resolved: VPN drops every few minutes");
    assertThat(GreenMailUtil.getBody(mail))
        .contains("Hello Carol Caller")
        .contains("Replaced the VPN profile on the laptop")
        .contains("closes automatically in 3 days")
        // The caller's page in the portal, absolute, for a mail read anywhere.
        .contains(WorkerTesting.PORTAL_URL + "/portal/requests/" + incident.number());

    callerResponds(incident, "confirm");

    records.awaitCompleted(incident.instance());
    assertThat(records.elements(incident.instance(), "ELEMENT_COMPLETED"))
        .contains("callerResponded", "closeIncident", "incidentClosed")
        .doesNotContain("autoCloseTimer", "reopenIncident");
    assertThat(record(incident).state()).isEqualTo(IncidentState.CLOSED);
    assertThat(states(incident)).containsExactly("NEW", "IN_PROGRESS", "RESOLVED", "CLOSED");
    final List<AuditEntry> byProcess =
        incidents.auditTrail(incident.id()).stream()
            .filter(e -> e.actor().equals("process"))
            .toList();
    assertThat(byProcess)
        .extracting(AuditEntry::field)
        .contains("priority", "assignmentGroup", "responseDue", "resolutionDue", "resolutionCode");
    assertThat(byProcess).allSatisfy(e -> assertThat(e.jobKey()).isNotNull());
    assertThat(mailsAbout(incident)).hasSize(1);
  }

  @Test
  void aReopenedIncidentGoesBackToTheGroupWithTheResolutionTimeThatWasLeft() {
    final Reported incident = report("Excel crashes on start", "software", null, "low", "medium");
    final UserTask first = awaitTask(incident);
    assertThat(first.getCandidateGroups()).containsExactly("applications");
    final Instant due = record(incident).resolutionDue();
    claim(first, incident);
    resolve(first, "Repaired the Office installation");
    awaitRecord(incident, IncidentState.RESOLVED);
    awaitMails(incident, 1);

    callerResponds(incident, "reopen");

    final Incident reopened = awaitRecord(incident, IncidentState.IN_PROGRESS);
    assertThat(reopened.resolutionCode()).isNull();
    assertThat(reopened.resolutionNotes()).isNull();
    // No time passed on the engine's clock while it was resolved, so the target stays put.
    assertThat(Duration.between(due, reopened.resolutionDue()).abs())
        .isLessThan(Duration.ofSeconds(30));
    final UserTask second = awaitTask(incident);
    assertThat(second.getUserTaskKey()).isNotEqualTo(first.getUserTaskKey());
    assertThat(second.getCandidateGroups()).containsExactly("applications");
    claim(second, incident);
    resolve(second, "Removed a broken add-in");
    awaitMails(incident, 2);
    callerResponds(incident, "confirm");

    records.awaitCompleted(incident.instance());
    assertThat(states(incident))
        .containsExactly("NEW", "IN_PROGRESS", "RESOLVED", "IN_PROGRESS", "RESOLVED", "CLOSED");
    assertThat(record(incident).resolutionNotes()).isEqualTo("Removed a broken add-in");
    assertThat(mailsAbout(incident))
        .extracting(GreenMailUtil::getBody)
        .anySatisfy(body -> assertThat(body).contains("Repaired the Office installation"))
        .anySatisfy(body -> assertThat(body).contains("Removed a broken add-in"));
  }

  @Test
  void withoutAnAnswerTheResolvedIncidentClosesAfterThreeDays() {
    final Reported incident =
        report("Docking station flickers", "hardware", "Laptop dock", "low", "low");
    final UserTask task = awaitTask(incident);
    assertThat(record(incident).priority()).isEqualTo(Priority.P5);
    claim(task, incident);
    resolve(task, "Swapped the docking station");
    awaitMails(incident, 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> records.passed(incident.instance(), "awaitCallerResponse", "ELEMENT_ACTIVATED"));

    clock.advance(Duration.ofDays(3).plusMinutes(1));

    records.awaitCompleted(incident.instance());
    assertThat(records.elements(incident.instance(), "ELEMENT_COMPLETED"))
        .contains("autoCloseTimer", "incidentClosed")
        .doesNotContain("callerResponded");
    assertThat(record(incident).state()).isEqualTo(IncidentState.CLOSED);
    assertThat(states(incident)).containsExactly("NEW", "IN_PROGRESS", "RESOLVED", "CLOSED");
  }

  @Test
  void anUnansweredIncidentBreachesItsResponseSlaAndTheManagerHearsOfItOnce() {
    final Reported incident = report("Core switch down", "network", null, "high", "high");
    final UserTask task = awaitTask(incident);
    assertThat(record(incident).priority()).isEqualTo(Priority.P1);
    assertThat(task.getPriority()).isEqualTo(90);

    clock.advance(Duration.ofMinutes(16));

    final MimeMessage notice = awaitMails(incident, 1).get(0);
    assertThat(recipient(notice)).isEqualTo(NETWORK_MANAGER_EMAIL);
    assertThat(subject(notice))
        .isEqualTo("[" + incident.number() + "] Response SLA breached: Core switch down");
    assertThat(GreenMailUtil.getBody(notice))
        .contains(incident.number() + " (P1, group network-team) has had no response");
    awaitPassed(incident, "responseBreachNotified");
    final Incident breached = record(incident);
    assertThat(breached.responseBreached()).isTrue();
    assertThat(breached.resolutionBreached()).isFalse();
    assertThat(incidents.auditTrail(incident.id()))
        .filteredOn(e -> e.field().equals("responseBreached"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("process");
              assertThat(e.jobKey()).isNotNull();
              assertThat(e.oldValue()).isEqualTo("false");
              assertThat(e.newValue()).isEqualTo("true");
            });

    // The late response, a hold and a resume: the task comes back past its response target and
    // the timer fires again, but the manager already knows.
    claim(task, incident);
    complete(task, Map.of("outcome", "hold", "onHoldReason", "Waiting for the vendor"));
    awaitRecord(incident, IncidentState.ON_HOLD);
    publish("incident-resume", incident, Map.of());
    awaitTask(incident);
    awaitPassed(incident, "responseSlaChecked");

    assertThat(mailsAbout(incident)).hasSize(1);
    assertThat(record(incident).responseBreached()).isTrue();
  }

  @Test
  void aResolutionSlaBreachIsFlaggedAndMailedWhileATimelyResponseIsNot() {
    final Reported incident = report("Mail server slow", "network", null, "high", "medium");
    final UserTask task = awaitTask(incident);
    claim(task, incident);

    clock.advance(Duration.ofMinutes(31));
    awaitPassed(incident, "responseSlaChecked");
    assertThat(record(incident).responseBreached()).isFalse();

    clock.advance(Duration.ofHours(8));
    awaitPassed(incident, "resolutionBreachNotified");
    final MimeMessage notice = mailTo(incident, NETWORK_MANAGER_EMAIL);

    assertThat(subject(notice))
        .isEqualTo("[" + incident.number() + "] Resolution SLA breached: Mail server slow");
    final Incident breached = record(incident);
    assertThat(breached.resolutionBreached()).isTrue();
    assertThat(breached.responseBreached()).isFalse();
    // The warning timer fired in the same jump of the clock, past the target: the breach notice
    // is the news, the assignee gets no warning on top.
    awaitPassed(incident, "resolutionWarningChecked");
    assertThat(mailsAbout(incident)).hasSize(1);
    // Non-interrupting: the agent still has the task.
    assertThat(awaitTask(incident).getUserTaskKey()).isEqualTo(task.getUserTaskKey());
  }

  @Test
  void onHoldPausesTheResolutionSlaUntilTheIncidentIsResumed() throws Exception {
    final Reported incident =
        report("Printer jams on every page", "hardware", "Printer 3rd floor", "medium", "medium");
    final UserTask task = awaitTask(incident);
    assertThat(task.getCandidateGroups()).containsExactly("workplace-team");
    claim(task, incident);
    final Instant originalDue = record(incident).resolutionDue();

    complete(task, Map.of("outcome", "hold", "onHoldReason", "Waiting for a spare part"));
    final Incident onHold = awaitRecord(incident, IncidentState.ON_HOLD);
    assertThat(onHold.onHoldReason()).isEqualTo("Waiting for a spare part");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records.passed(incident.instance(), "resumeRequested", "ELEMENT_ACTIVATED"));

    clock.advance(Duration.ofDays(2));
    publish("incident-resume", incident, Map.of());

    final Incident resumed = awaitRecord(incident, IncidentState.IN_PROGRESS);
    assertThat(resumed.onHoldReason()).isNull();
    // Targets are kept to the second, so a second may be lost in rounding.
    assertThat(Duration.between(originalDue, resumed.resolutionDue()))
        .isBetween(Duration.ofDays(2).minusSeconds(2), Duration.ofDays(2).plusMinutes(1));
    final UserTask back = awaitTask(incident);
    assertThat(back.getDueDate().toInstant()).isEqualTo(resumed.resolutionDue());
    assertThat(timerDue(incident, "resolutionSlaDue")).isEqualTo(resumed.resolutionDue());
    // The response target lies in the past now, so its timer fires at once; it was met.
    awaitPassed(incident, "responseSlaChecked");
    assertThat(record(incident).responseBreached()).isFalse();
    assertThat(record(incident).resolutionBreached()).isFalse();

    // Past the new target, the paused SLA breaches after all.
    clock.advance(Duration.ofDays(3).plusMinutes(1));
    awaitPassed(incident, "checkResolutionSla");
    assertThat(record(incident).resolutionBreached()).isTrue();
    assertThat(states(incident)).containsExactly("NEW", "IN_PROGRESS", "ON_HOLD", "IN_PROGRESS");
  }

  @Test
  void aCanceledIncidentEndsWithoutMail() {
    final Reported incident =
        report("Same as my earlier VPN incident", "network", "VPN", "low", "low");
    final UserTask task = awaitTask(incident);
    claim(task, incident);

    complete(task, Map.of("outcome", "cancel", "workNote", "Duplicate"));

    records.awaitCompleted(incident.instance());
    assertThat(records.elements(incident.instance(), "ELEMENT_COMPLETED"))
        .contains("cancelIncident", "incidentCanceled")
        .doesNotContain("recordResolution");
    assertThat(record(incident).state()).isEqualTo(IncidentState.CANCELED);
    assertThat(states(incident)).containsExactly("NEW", "IN_PROGRESS", "CANCELED");
    assertThat(mailsAbout(incident)).isEmpty();
  }

  @Test
  void aRetriedClassificationKeepsTheTargetsOfItsFirstAttempt() {
    final AtomicLong firstJob = new AtomicLong();
    // The first attempt records the classification, then its completion is lost; the retry
    // comes an hour later on the engine's clock.
    classify.use(
        (jobClient, job) -> {
          if (firstJob.compareAndSet(0, job.getKey())) {
            classifier.classify(new JobInputs(job));
            clock.advance(Duration.ofHours(1));
            jobClient
                .newFailCommand(job.getKey())
                .retries(job.getRetries() - 1)
                .retryBackoff(Duration.ZERO)
                .errorMessage("worker lost its connection before completing")
                .send()
                .join();
          } else {
            classifier.handle(jobClient, job);
          }
        });

    final Reported incident = report("Wi-Fi weak in room 4", "network", null, "low", "low");

    final UserTask task = awaitTask(incident);
    final Incident classified = record(incident);
    assertThat(incidents.auditTrail(incident.id()))
        .filteredOn(e -> e.field().equals("resolutionDue"))
        .singleElement()
        .satisfies(e -> assertThat(e.jobKey()).isEqualTo(firstJob.get()));
    assertThat(task.getDueDate().toInstant()).isEqualTo(classified.resolutionDue());
    assertThat(records.variable(incident.instance(), "responseDue"))
        .isEqualTo("\"" + classified.responseDue() + "\"");
  }

  @Test
  void aRatingTheMatrixDoesNotKnowStopsTheClassificationWithAnIncidentNamingTheInput() {
    final Incident incident =
        incidents.report(
            new NewIncident("carol", "Odd rating", null, "other", null, Level.LOW, Level.LOW),
            ChangeSource.person("carol"));

    final Reported started = start(incident, "severe", "low");

    final var open = records.awaitIncidents(started.instance());
    assertThat(open.get(0).elementId()).isEqualTo("classifyIncident");
    assertThat(open.get(0).errorMessage()).contains("'priority'");
    assertThat(record(started).priority()).isNull();
  }

  // --- business hours (issue 21) --------------------------------------------------------------

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * Runs {@code test} while P1 counts on a Berlin schedule working only 08:00-17:00 on the weekday
   * two days after today, so every target of a P1 reported now lands on that weekday, whatever the
   * engine's clock says; {@code holidays} get the first such day as their argument.
   */
  void withP1OnOneWeekdayInBerlin(
      final Function<LocalDate, List<Holiday>> holidays, final WorkDay test) throws Exception {
    final LocalDate workDay = clock.now().atZone(BERLIN).toLocalDate().plusDays(2);
    final Schedule schedule =
        levels.save(
            new Schedule(
                null,
                "One day a week " + workDay + " " + System.nanoTime(),
                new BusinessCalendar(
                    BERLIN,
                    Map.of(workDay.getDayOfWeek(), WorkingInterval.parseDay("08:00-17:00")),
                    holidays.apply(workDay))));
    final ServiceLevel p1 = levels.of(Priority.P1);
    levels.save(
        List.of(
            new ServiceLevel(
                Priority.P1,
                p1.response(),
                p1.resolution(),
                p1.warningPercent(),
                p1.taskPriority(),
                schedule)));
    try {
      test.run(workDay);
    } finally {
      levels.save(List.of(p1));
    }
  }

  interface WorkDay {
    void run(LocalDate workDay) throws Exception;
  }

  static Instant berlin(final LocalDate day, final int hour, final int minute) {
    return day.atTime(hour, minute).atZone(BERLIN).toInstant();
  }

  @Test
  void theResolutionDueDateFollowsTheScheduleAndSkipsItsHolidays() throws Exception {
    withP1OnOneWeekdayInBerlin(
        day -> List.of(new Holiday(day, false)),
        workDay -> {
          final Reported incident =
              report("Printers down on every floor", "hardware", "Printer", "high", "high");

          final UserTask task = awaitTask(incident);
          final Incident classified = record(incident);
          assertThat(classified.priority()).isEqualTo(Priority.P1);
          // The first working day is a holiday: 15 min and 4 h of the same weekday a week later.
          final LocalDate counted = workDay.plusWeeks(1);
          assertThat(classified.responseDue()).isEqualTo(berlin(counted, 8, 15));
          assertThat(classified.resolutionDue()).isEqualTo(berlin(counted, 12, 0));
          assertThat(task.getDueDate().toInstant()).isEqualTo(classified.resolutionDue());
          assertThat(timerDue(incident, "resolutionSlaDue")).isEqualTo(berlin(counted, 12, 0));
          assertThat(timerDue(incident, "responseSlaDue")).isEqualTo(berlin(counted, 8, 15));
        });
  }

  @Test
  void onHoldTheBusinessClockPausesAndResumesWithTheWorkingTimeLeft() throws Exception {
    withP1OnOneWeekdayInBerlin(
        day -> List.of(),
        workDay -> {
          final Reported incident =
              report("Badge readers reject everyone", "hardware", "Printer", "high", "high");
          final UserTask task = awaitTask(incident);
          claim(task, incident);
          assertThat(record(incident).resolutionDue()).isEqualTo(berlin(workDay, 12, 0));

          complete(task, Map.of("outcome", "hold", "onHoldReason", "Waiting for the vendor"));
          awaitRecord(incident, IncidentState.ON_HOLD);
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      records.passed(incident.instance(), "resumeRequested", "ELEMENT_ACTIVATED"));
          assertThat(records.variable(incident.instance(), "resolutionRemaining"))
              .isEqualTo("\"PT4H\"");

          // A week on hold: the working day passes unused, all four working hours are left.
          clock.advance(Duration.ofDays(7));
          publish("incident-resume", incident, Map.of());

          final Incident resumed = awaitRecord(incident, IncidentState.IN_PROGRESS);
          final LocalDate next = workDay.with(TemporalAdjusters.next(workDay.getDayOfWeek()));
          assertThat(resumed.resolutionDue()).isEqualTo(berlin(next, 12, 0));
          final UserTask back = awaitTask(incident);
          assertThat(back.getDueDate().toInstant()).isEqualTo(resumed.resolutionDue());
          assertThat(timerDue(incident, "resolutionSlaDue")).isEqualTo(resumed.resolutionDue());
        });
  }

  // --- SLA warning (issue 21) ------------------------------------------------------------------

  @Test
  void atTheWarningThresholdTheGroupManagerIsWarnedWhileNobodyTookTheIncident() throws Exception {
    final Reported incident =
        report("VPN concentrator at 95 % CPU", "network", null, "high", "medium");
    awaitTask(incident);
    // Someone answered the caller in time, but nobody took the incident.
    incidents.change(
        incident.id(), IncidentChange.of().respondedAt(clock.now()), ChangeSource.person("alex"));
    final Incident classified = record(incident);
    assertThat(classified.priority()).isEqualTo(Priority.P2);
    // P2: 8 h around the clock, warned at 75 %: after 6 h.
    final Instant warning = classified.resolutionDue().minus(Duration.ofHours(2));
    assertThat(timerDue(incident, "resolutionSlaWarning")).isEqualTo(warning);
    assertThat(records.variable(incident.instance(), "resolutionWarning"))
        .isEqualTo("\"" + warning + "\"");

    clock.advance(Duration.ofHours(6).plusMinutes(1));
    awaitPassed(incident, "resolutionRiskWarned");

    final MimeMessage notice = mailTo(incident, NETWORK_MANAGER_EMAIL);
    assertThat(subject(notice))
        .isEqualTo(
            "[" + incident.number() + "] Resolution SLA at risk: VPN concentrator at 95 % CPU");
    assertThat(GreenMailUtil.getBody(notice))
        .contains(incident.number() + " (P2, group network-team) is due to be resolved by");
    assertThat(record(incident).resolutionBreached()).isFalse();
    // Non-interrupting: the task is still open for the group.
    assertThat(awaitTask(incident).getAssignee()).isNull();
  }

  @Test
  void theAssigneeIsWarnedAtTheThresholdCountedInWorkingTimeAlsoAfterAHold() throws Exception {
    withP1OnOneWeekdayInBerlin(
        day -> List.of(),
        workDay -> {
          final Reported incident =
              report("Core router drops packets", "network", null, "high", "high");
          final UserTask task = awaitTask(incident);
          claim(task, incident);
          // P1: 4 working hours from 08:00, warned at 75 %: 3 working hours, at 11:00.
          assertThat(timerDue(incident, "resolutionSlaWarning")).isEqualTo(berlin(workDay, 11, 0));

          complete(task, Map.of("outcome", "hold", "onHoldReason", "Waiting for the carrier"));
          awaitRecord(incident, IncidentState.ON_HOLD);
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      records.passed(incident.instance(), "resumeRequested", "ELEMENT_ACTIVATED"));
          clock.advance(Duration.ofDays(7));
          publish("incident-resume", incident, Map.of());
          awaitRecord(incident, IncidentState.IN_PROGRESS);
          claim(awaitTask(incident), incident);

          // The week on hold did not count: 11:00 on the next such weekday.
          final LocalDate next = workDay.with(TemporalAdjusters.next(workDay.getDayOfWeek()));
          await()
              .atMost(Duration.ofSeconds(20))
              .untilAsserted(
                  () ->
                      assertThat(timerDue(incident, "resolutionSlaWarning"))
                          .isEqualTo(berlin(next, 11, 0)));
          assertThat(mailsAbout(incident)).isEmpty();

          clock.advance(Duration.between(clock.now(), berlin(next, 11, 1)));
          awaitPassed(incident, "resolutionRiskWarned");
          assertThat(subject(mailTo(incident, ASSIGNEE_EMAIL)))
              .isEqualTo(
                  "[" + incident.number() + "] Resolution SLA at risk: Core router drops packets");
          assertThat(mailsAbout(incident)).hasSize(1);
        });
  }
}
