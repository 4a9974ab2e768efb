package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instances created at the same moment are written together (one transaction for the creations that
 * arrive together, as message publications are); each creation still answers its own key or its own
 * error, and one that is refused creates nothing and takes no other with it.
 */
@FlowdeskEngineTest
class ConcurrentCreationConformanceTest {

  private static final int CREATIONS = 48;

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  @Test
  void creationsArrivingTogetherEachAnswerTheirOwnKeyOrError() throws Exception {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("start")
            .serviceTask("task", t -> t.zeebeJobType("create-" + id))
            .endEvent("end")
            .done());

    // given: creations released at once from many threads, every fourth with a start instruction
    // naming an element the process does not have
    final ExecutorService senders = Executors.newFixedThreadPool(16);
    final CountDownLatch go = new CountDownLatch(1);
    final List<CompletableFuture<ProcessInstanceEvent>> good = new ArrayList<>();
    final List<CompletableFuture<ProcessInstanceEvent>> refused = new ArrayList<>();
    try {
      for (int i = 0; i < CREATIONS; i++) {
        final boolean bad = i % 4 == 3;
        final int number = i;
        final CompletableFuture<ProcessInstanceEvent> created =
            CompletableFuture.supplyAsync(
                () -> {
                  awaitQuietly(go);
                  var create =
                      client
                          .newCreateInstanceCommand()
                          .bpmnProcessId(id)
                          .latestVersion()
                          .variables(Map.of("number", number));
                  if (bad) {
                    create = create.startBeforeElement("missing-" + number);
                  }
                  return create.send().join();
                },
                senders);
        (bad ? refused : good).add(created);
      }
      // when
      go.countDown();
      CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    } finally {
      senders.shutdown();
    }

    // then: every good creation has its own instance, with its own variables
    final List<Long> keys = good.stream().map(f -> f.join().getProcessInstanceKey()).toList();
    assertThat(keys).doesNotHaveDuplicates().hasSize(CREATIONS - CREATIONS / 4);
    assertThat(records.instancesOf(id)).containsExactlyInAnyOrderElementsOf(keys);
    for (int i = 0; i < good.size(); i++) {
      final int number = (i / 3) * 4 + i % 3;
      assertThat(records.variable(keys.get(i), "number")).isEqualTo(String.valueOf(number));
    }
    // and every refused one its own error, naming its own element
    for (int i = 0; i < refused.size(); i++) {
      final int number = i * 4 + 3;
      assertThat(refused.get(i))
          .failsWithin(Duration.ofMinutes(1))
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
          .withMessageContaining("could not be found: 'missing-" + number + "'");
    }
    // and the instances run on: a worker gets each one's job
    assertThat(conformance.activate("create-" + id, CREATIONS)).hasSize(keys.size());
  }

  private static void awaitQuietly(final CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
