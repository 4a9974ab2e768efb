package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timer events as Zeebe's docs describe them, on the engine's settable clock. */
@FlowdeskEngineTest
class TimerConformanceTest {

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Engine engine;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  @Test
  void intermediateTimerCatchEventWaitsForItsDurationThenContinues() {
    final String id =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT1H"))
                .endEvent("end")
                .done());
    final long instance = conformance.start(id, Map.of());

    clock.advance(Duration.ofMinutes(59));
    engine.runDueTimers();
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");

    clock.advance(Duration.ofMinutes(1));
    records.awaitCompleted(instance);
    assertThat(records.of(instance))
        .filteredOn(e -> e.valueType().equals("TIMER"))
        .extracting(EngineRecords.Entry::intent)
        .containsExactly("CREATED", "TRIGGERED");
  }

  @Test
  void feelNowAndTodayFollowTheEngineClock() {
    final String id =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .scriptTask(
                    "stamp",
                    t ->
                        t.zeebeExpression("string(today()) + \"/\" + string(now().year)")
                            .zeebeResultVariable("today"))
                .endEvent()
                .done());
    clock.advance(Duration.ofDays(400));
    final java.time.LocalDate engineToday =
        clock.now().atZone(java.time.ZoneId.systemDefault()).toLocalDate();

    final long instance = conformance.start(id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "today"))
        .isEqualTo("\"" + engineToday + "/" + engineToday.getYear() + "\"");
  }

  @Test
  void timerDateMayComeFromAFeelExpression() {
    final String id =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.timerWithDateExpression("deadline"))
                .endEvent()
                .done());
    final String deadline = clock.now().plus(Duration.ofDays(2)).toString();
    final long instance = conformance.start(id, Map.of("deadline", deadline));

    clock.advance(Duration.ofDays(2));
    records.awaitCompleted(instance);
  }

  @Test
  void aTimerValueThatIsNoDurationRaisesAnIncidentNamingIt() {
    final String id =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.timerWithDurationExpression("delay"))
                .endEvent()
                .done());
    final long instance = conformance.start(id, Map.of("delay", "soon"));

    final var incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.elementId()).isEqualTo("wait");
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).contains("ISO 8601 duration").contains("'soon'");
  }

  @Test
  void interruptingBoundaryTimerTerminatesTheTaskAndCancelsItsJob() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work-" + id))
            .boundaryEvent("tooLate", b -> b.timerWithDuration("PT10M").cancelActivity(true))
            .endEvent("escalated")
            .moveToActivity("work")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());
    final ActivatedJob job = conformance.activateOne("work-" + id);

    clock.advance(Duration.ofMinutes(10));
    records.awaitCompleted(instance);

    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("work");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("tooLate", "escalated");
    assertThatThrownBy(() -> conformance.complete(job, Map.of()))
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }

  @Test
  void nonInterruptingBoundaryTimerCycleFiresItsRepetitionsWhileTheTaskRuns() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work-" + id))
            .boundaryEvent("remind", b -> b.timerWithCycle("R2/PT1M").cancelActivity(false))
            .endEvent("reminded")
            .moveToActivity("work")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());

    for (int minute = 1; minute <= 3; minute++) {
      clock.advance(Duration.ofMinutes(1));
      engine.runDueTimers();
    }
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .filteredOn("remind"::equals)
        .hasSize(2);

    conformance.complete(conformance.activateOne("work-" + id), Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void timerStartEventStartsAnInstanceOnEachRepetitionOfItsCycle() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("hourly")
            .timerWithCycle("R2/PT1H")
            .endEvent()
            .done());

    for (int hour = 1; hour <= 3; hour++) {
      clock.advance(Duration.ofHours(1));
      engine.runDueTimers();
    }

    assertThat(records.instancesOf(id)).hasSize(2);
    records.instancesOf(id).forEach(records::awaitCompleted);
  }

  @Test
  void aNewVersionReplacesTheTimerStartEventOfThePreviousOne() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("daily")
            .timerWithCycle("R/P1D")
            .endEvent()
            .done());
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("daily")
            .timerWithCycle("R/P1D")
            .endEvent("v2")
            .done());

    clock.advance(Duration.ofDays(1));
    engine.runDueTimers();

    assertThat(records.instancesOf(id)).hasSize(1);
  }

  @Test
  void aCronCycleFiresAtTheNextMatchingTime() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("nightly")
            .timerWithCycle("0 0 2 * * *")
            .endEvent()
            .done());

    clock.advance(Duration.ofDays(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> records.instancesOf(id).size() == 1);
  }
}
