package io.flowdesk.workers.processes;

import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.SpringWorkers;
import io.flowdesk.workers.WorkerTesting;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/problem/ as packaged (models problem and problem-recurrence, decision
 * recurring-incidents, the problem forms) with the incident model and every worker as the app runs
 * them, mail into GreenMail. The test plays the people: it answers user tasks as the inbox does and
 * raises the fix change as the problem page does.
 */
@FlowdeskEngineTest
class ProblemProcessTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static final String CALLER_EMAIL = "carol@example.test";

  static ConfigurableApplicationContext app;
  static ProblemRecords problems;
  static IncidentRecords incidents;
  static ChangeRecords changes;
  static JdbcClient jdbc;

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Engine engine;
  final List<Long> started = new ArrayList<>();

  @BeforeEach
  void workersAndModels() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    if (app != null) {
      return;
    }
    app =
        SpringWorkers.start(
            engine,
            "flowdesk.secrets.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
            "flowdesk.connectors.mail.host=127.0.0.1",
            "flowdesk.connectors.mail.port=" + GREEN_MAIL.getSmtp().getPort(),
            "flowdesk.connectors.mail.security=NONE",
            "flowdesk.connectors.mail.from=flowdesk@flowdesk.test",
            "flowdesk.connectors.mail.message-id-domain=flowdesk.test");
    problems = app.getBean(ProblemRecords.class);
    incidents = app.getBean(IncidentRecords.class);
    changes = app.getBean(ChangeRecords.class);
    jdbc = JdbcClient.create(app.getBean(DataSource.class));
    final Directory directory = app.getBean(Directory.class);
    directory.addPerson("carol", "Carol Caller", CALLER_EMAIL, Set.of(Role.END_USER), null);
    directory.addPerson("manager.pam", "Pam", "pam@example.test", Set.of(Role.MANAGER), null);
    directory.saveGroup(new AssignmentGroup("problem-management", "Problem management", null));
    directory.saveGroup(new AssignmentGroup("network-team", "Network team", null));
    ItemTesting.deploy(
        client,
        List.of(
            "problem/problem.bpmn",
            "problem/problem-recurrence.bpmn",
            "problem/recurring-incidents.dmn",
            "incident.bpmn",
            "incident-priority.dmn",
            "incident-assignment.dmn"),
        List.of(
            "problem-assessment.form",
            "problem-root-cause.form",
            "problem-closure.form",
            "report-incident.form",
            "resolve-incident.form"));
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

  // --- the app's part -------------------------------------------------------------------------

  record Reported(Incident incident, long instance) {}

  Reported report(final String shortDescription) {
    final Incident incident =
        incidents.report(
            new NewIncident(
                "carol",
                shortDescription,
                "From the portal",
                "network",
                null,
                Level.LOW,
                Level.LOW),
            ChangeSource.person("carol"));
    final Map<String, Object> variables = new HashMap<>();
    variables.put("incidentId", incident.id());
    variables.put("incidentNumber", incident.number());
    variables.put("caller", "carol");
    variables.put("callerEmail", CALLER_EMAIL);
    variables.put("callerName", "Carol Caller");
    variables.put("shortDescription", incident.shortDescription());
    variables.put("category", incident.category());
    variables.put("configurationItem", null);
    variables.put("impact", "low");
    variables.put("urgency", "low");
    final long instance = WorkerTesting.start(client, "incident", variables);
    started.add(instance);
    incidents.change(
        incident.id(),
        io.flowdesk.domain.incident.IncidentChange.of().processInstanceKey(instance),
        ChangeSource.person("carol"));
    awaitTask(client, instance, "resolveIncident");
    return new Reported(incidents.find(incident.id()).orElseThrow(), instance);
  }

  record Raised(Problem problem, long instance) {}

  Raised raise(final List<String> linked) {
    final Problem problem =
        problems.record(
            new NewProblem(
                "VPN drops every morning",
                "Several reports of VPN sessions dropping at 9:00.",
                "network",
                List.of(),
                "problem-management",
                null,
                Priority.P2,
                linked,
                "manager.pam",
                false),
            Actor.person("manager.pam"));
    final Map<String, Object> variables = new HashMap<>();
    variables.put("problemNumber", problem.number());
    variables.put("shortDescription", problem.shortDescription());
    variables.put("assignmentGroup", problem.assignmentGroup());
    final long instance = WorkerTesting.start(client, "problem", variables);
    started.add(instance);
    problems.started(problem.id(), instance, Actor.person("manager.pam"));
    return new Raised(problem, instance);
  }

  Problem problem(final Raised raised) {
    return problems.find(raised.problem().id()).orElseThrow();
  }

  Problem awaitState(final Raised raised, final ProblemState state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> problem(raised).state() == state);
    return problem(raised);
  }

  List<String> path(final Raised raised) {
    return problems.auditTrail(raised.problem().id()).stream()
        .filter(e -> e.field().equals("state") && e.oldValue() != null)
        .map(AuditEntry::newValue)
        .toList();
  }

  Change raiseFix(final Raised raised) {
    final var start = clock.now().plus(Duration.ofDays(1));
    final Change fix =
        changes.raise(
            new NewChange(
                ChangeType.NORMAL,
                null,
                "Upgrade the VPN concentrator",
                null,
                "manager.pam",
                "network-team",
                null,
                List.of(),
                start,
                start.plus(Duration.ofHours(1)),
                "Upgrade.",
                "Downgrade.",
                "Connect.",
                null,
                List.of()),
            Actor.person("manager.pam"));
    problems.linkFix(raised.problem().id(), fix.number(), Actor.person("manager.pam"));
    return fix;
  }

  // --- the flow -------------------------------------------------------------------------------

  @Test
  void aFixedProblemResolvesItsIncidentsAndTellsTheirCallers() throws Exception {
    final Reported first = report("VPN dropped at 9:00");
    final Reported second = report("VPN gone again");
    final Raised raised = raise(List.of(first.incident().number(), second.incident().number()));

    final UserTask assess = awaitTask(client, raised.instance(), "assessProblem");
    assertThat(assess.getCandidateGroups()).containsExactly("problem-management");
    assertThat(problem(raised).state()).isEqualTo(ProblemState.ASSESS);
    complete(client, assess, Map.of("assessment", "analyse"));

    final UserTask rca = awaitTask(client, raised.instance(), "findRootCause");
    assertThat(problem(raised).state()).isEqualTo(ProblemState.ROOT_CAUSE_ANALYSIS);
    complete(
        client,
        rca,
        Map.of(
            "cause", "The concentrator's licence pool is exhausted at peak.",
            "causeCode", "capacity",
            "workaround", "Reconnect after a minute.",
            "fixNeeded", true));
    awaitState(raised, ProblemState.FIX_IN_PROGRESS);
    final Problem known = problem(raised);
    assertThat(known.knownError()).isTrue();
    assertThat(known.workaround()).isEqualTo("Reconnect after a minute.");
    assertThat(known.causeCode()).isEqualTo("capacity");

    // Nothing raised yet, then a fix still open: the model waits and looks again.
    final Change fix = raiseFix(raised);
    clock.advance(Duration.ofMinutes(61));
    Thread.sleep(1000);
    assertThat(problem(raised).state()).isEqualTo(ProblemState.FIX_IN_PROGRESS);
    changes.moveTo(fix.id(), ChangeState.CANCELED, null, null, Actor.person("manager.pam"));
    clock.advance(Duration.ofMinutes(61));

    awaitState(raised, ProblemState.RESOLVED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                incidents.find(first.incident().id()).orElseThrow().state()
                        == IncidentState.RESOLVED
                    && incidents.find(second.incident().id()).orElseThrow().state()
                        == IncidentState.RESOLVED);
    final Incident resolved = incidents.find(first.incident().id()).orElseThrow();
    assertThat(resolved.resolutionCode()).isEqualTo("solved-permanently");
    assertThat(resolved.resolutionNotes()).contains(raised.problem().number());
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(first).size() >= 1);
    final String mail = GreenMailUtil.getBody(mailsTo(first).get(0));
    assertThat(mail).contains(raised.problem().number());
    // Callers read the resolution, never the problem's internal analysis.
    assertThat(mail).doesNotContain("licence pool");

    final UserTask close = awaitTask(client, raised.instance(), "closeProblem");
    complete(client, close, Map.of("closureNotes", "Licences added."));
    awaitState(raised, ProblemState.CLOSED);
    assertThat(path(raised))
        .containsExactly("ASSESS", "ROOT_CAUSE_ANALYSIS", "FIX_IN_PROGRESS", "RESOLVED", "CLOSED");
  }

  @Test
  void aProblemNotWorthAnalysingIsCanceled() {
    final Raised raised = raise(List.of());
    complete(
        client,
        awaitTask(client, raised.instance(), "assessProblem"),
        Map.of("assessment", "cancel", "assessmentNotes", "Duplicate of an older problem."));
    awaitState(raised, ProblemState.CANCELED);
    assertThat(problems.journal(raised.problem().id(), false))
        .extracting(e -> e.text())
        .containsExactly("Duplicate of an older problem.");
  }

  @Test
  void aCauseFixedWithoutAChangeResolvesAtOnce() {
    final Raised raised = raise(List.of());
    complete(
        client,
        awaitTask(client, raised.instance(), "assessProblem"),
        Map.of("assessment", "analyse"));
    complete(
        client,
        awaitTask(client, raised.instance(), "findRootCause"),
        Map.of(
            "cause",
            "A wrong DNS entry, corrected.",
            "causeCode",
            "configuration",
            "fixNeeded",
            false));
    awaitState(raised, ProblemState.RESOLVED);
    assertThat(problem(raised).knownError()).isFalse();
  }

  @Test
  void recurringIncidentsOnOneCiProposeAProblemToTheProblemManager() {
    final UUID gateway = ci("vpn-gw-" + UUID.randomUUID().toString().substring(0, 8));
    final List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      final Incident incident =
          incidents.report(
              new NewIncident(
                  "carol", "VPN down " + i, null, "vpn-" + gateway, null, Level.LOW, Level.LOW),
              ChangeSource.person("carol"));
      incidents.cis().link(incident.id(), gateway, Actor.person("alex"));
      numbers.add(incident.number());
    }

    // The hourly timer's next run comes (how far off it is depends on the tests before).
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () -> {
              if (!problems.linkedTo(numbers.get(0)).isEmpty()) {
                return true;
              }
              clock.advance(Duration.ofMinutes(31));
              return false;
            });
    final Problem proposed = problems.linkedTo(numbers.get(0)).get(0);
    assertThat(proposed.incidents()).containsExactlyElementsOf(numbers.stream().sorted().toList());
    assertThat(proposed.affectedCis()).extracting(ci -> ci.ciId()).containsExactly(gateway);
    assertThat(proposed.assignmentGroup()).isEqualTo("problem-management");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> problems.find(proposed.id()).orElseThrow().processInstanceKey() != null);
    final long instance = problems.find(proposed.id()).orElseThrow().processInstanceKey();
    final UserTask assess = awaitTask(client, instance, "assessProblem");
    assertThat(assess.getCandidateGroups()).containsExactly("problem-management");
    final Problem assessed = problems.find(proposed.id()).orElseThrow();
    assertThat(assessed.state()).isEqualTo(ProblemState.ASSESS);
    assertThat(assessed.proposed()).isTrue();

    // The next hour proposes nothing more for the same incidents.
    clock.advance(Duration.ofMinutes(61));
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(problems.linkedTo(numbers.get(0))).hasSize(1);
    // The proposal's model runs inside the hourly run: cancel that (the root) instead.
    client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("problem-recurrence"))
        .send()
        .join()
        .items()
        .stream()
        .filter(run -> "ACTIVE".equals(String.valueOf(run.getState())))
        .forEach(run -> client.newCancelInstanceCommand(run.getProcessInstanceKey()).send().join());
  }

  UUID ci(final String name) {
    final UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO domain.ci (id, class_name, name, environment, status)"
                + " VALUES (:id, 'server', :name, 'PRODUCTION', 'IN_SERVICE')")
        .param("id", id)
        .param("name", name)
        .update();
    return id;
  }

  List<MimeMessage> mailsTo(final Reported reported) {
    return Arrays.stream(GREEN_MAIL.getReceivedMessages())
        .filter(m -> GreenMailUtil.getHeaders(m).contains(CALLER_EMAIL))
        .filter(m -> subjectOf(m).contains(reported.incident().number()))
        .toList();
  }

  static String subjectOf(final MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
