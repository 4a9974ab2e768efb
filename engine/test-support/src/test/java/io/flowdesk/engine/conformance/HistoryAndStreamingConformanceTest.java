package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Job streaming (StreamActivatedJobs) and history retention. */
@FlowdeskEngineTest
class HistoryAndStreamingConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  private String deployOneTask(final String type) {
    return deployOneTask(type, task -> {});
  }

  private String deployOneTask(final String type, final Consumer<ServiceTaskBuilder> task) {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                    "task",
                    t -> {
                      t.zeebeJobType(type);
                      task.accept(t);
                    })
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
    return id;
  }

  @Test
  void streamingWorkerReceivesJobsPushedAsTheyAreCreated() {
    final String type = "stream-" + UUID.randomUUID();
    final String id = deployOneTask(type);
    try (JobWorker worker =
        client
            .newWorker()
            .jobType(type)
            .handler((jobClient, job) -> jobClient.newCompleteCommand(job.getKey()).send().join())
            .streamEnabled(true)
            // A long poll interval: completions within it can only come through the stream.
            .pollInterval(Duration.ofMinutes(5))
            .open()) {
      final long first =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      records.awaitCompleted(first);
      final long second =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      records.awaitCompleted(second);
    }
  }

  @Test
  void streamedJobCarriesTheVariablesVisibleFromItsElementLimitedToThoseFetched() throws Exception {
    final String type = "stream-" + UUID.randomUUID();
    final String id = deployOneTask(type, t -> t.zeebeInputExpression("x + 1", "local"));
    final BlockingQueue<ActivatedJob> pushed = new LinkedBlockingQueue<>();
    final CamundaFuture<?> stream =
        client
            .newStreamJobsCommand()
            .jobType(type)
            .consumer(pushed::add)
            .workerName("streamer")
            .timeout(Duration.ofMinutes(3))
            .fetchVariables("x", "local")
            .send();
    try {
      awaitStreamsOpen(type, pushed);
      final long before = System.currentTimeMillis();
      final long instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .variables(Map.of("x", 1, "y", 2))
              .send()
              .join()
              .getProcessInstanceKey();
      final ActivatedJob job = pushed.poll(30, TimeUnit.SECONDS);
      assertThat(job).isNotNull();
      assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
      assertThat(job.getVariablesAsMap()).isEqualTo(Map.of("x", 1, "local", 2));
      assertThat(job.getWorker()).isEqualTo("streamer");
      assertThat(job.getDeadline())
          .isBetween(
              before + Duration.ofMinutes(3).toMillis(),
              System.currentTimeMillis() + Duration.ofMinutes(3).toMillis());
      client.newCompleteCommand(job.getKey()).send().join();
      records.awaitCompleted(instance);
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  void jobsCreatedWhileSeveralStreamsAreOpenReachExactlyOneOfThem() throws Exception {
    final String type = "stream-" + UUID.randomUUID();
    final String id = deployOneTask(type);
    final List<ActivatedJob> first = new CopyOnWriteArrayList<>();
    final List<ActivatedJob> second = new CopyOnWriteArrayList<>();
    final CamundaFuture<?> one =
        client.newStreamJobsCommand().jobType(type).consumer(first::add).send();
    final CamundaFuture<?> two =
        client.newStreamJobsCommand().jobType(type).consumer(second::add).send();
    try {
      awaitStreamsOpen(type, first, second);
      for (int i = 0; i < 10; i++) {
        client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
      }
      Awaitility.await().until(() -> first.size() + second.size() >= 10);
      // Nor does any arrive a second time a little later.
      Thread.sleep(200);
      final List<Long> all = new ArrayList<>();
      first.forEach(job -> all.add(job.getKey()));
      second.forEach(job -> all.add(job.getKey()));
      assertThat(all).hasSize(10).doesNotHaveDuplicates();
      for (final long key : all) {
        client.newCompleteCommand(key).send().join();
      }
    } finally {
      one.cancel(true);
      two.cancel(true);
    }
  }

  @Test
  void aJobOfAnInstanceThatAMessageStartsReachesAnOpenStreamAndCanBeCompleted() throws Exception {
    final String type = "stream-" + UUID.randomUUID();
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    final String message = "order-" + id;
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .message(message)
                .serviceTask("task", t -> t.zeebeJobType(type))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
    final BlockingQueue<ActivatedJob> pushed = new LinkedBlockingQueue<>();
    final CamundaFuture<?> stream =
        client.newStreamJobsCommand().jobType(type).consumer(pushed::add).send();
    try {
      awaitStreamsOpen(type, pushed);
      client
          .newPublishMessageCommand()
          .messageName(message)
          .withoutCorrelationKey()
          .variables(Map.of("order", 7))
          .send()
          .join();
      final ActivatedJob job = pushed.poll(30, TimeUnit.SECONDS);
      assertThat(job).isNotNull();
      assertThat(job.getBpmnProcessId()).isEqualTo(id);
      assertThat(job.getVariablesAsMap()).containsEntry("order", 7);
      // The job exists for the engine by the time the worker has it.
      client.newCompleteCommand(job.getKey()).send().join();
      records.awaitCompleted(job.getProcessInstanceKey());
    } finally {
      stream.cancel(true);
    }
  }

  /**
   * Back-pressure: a worker that does not read its stream (here one that never asks gRPC for a
   * message, so flow control holds what was pushed) gets no more jobs; jobs created meanwhile stay
   * activatable and a polling worker takes them, instead of their piling up for the stalled one.
   */
  @Test
  void aStreamWhoseWorkerDoesNotReadGetsNoMoreJobsAndOthersTakeThem() throws Exception {
    final String type = "stalled-" + UUID.randomUUID();
    final String id = deployOneTask(type);
    // Each job is larger than the stalled stream's flow-control window.
    final Map<String, Object> large = Map.of("blob", "x".repeat(256 * 1024));
    final ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", engine.gatewayPort())
            .usePlaintext()
            .flowControlWindow(64 * 1024)
            .maxInboundMessageSize(8 * 1024 * 1024)
            .build();
    try {
      final Metadata credentials = new Metadata();
      credentials.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          engine.ownClientAuthorization());
      GatewayGrpc.newStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
          .streamActivatedJobs(
              GatewayOuterClass.StreamActivatedJobsRequest.newBuilder()
                  .setType(type)
                  .setWorker("stalled")
                  .setTimeout(Duration.ofMinutes(10).toMillis())
                  .build(),
              new ClientResponseObserver<
                  GatewayOuterClass.StreamActivatedJobsRequest, GatewayOuterClass.ActivatedJob>() {
                @Override
                public void beforeStart(
                    final ClientCallStreamObserver<GatewayOuterClass.StreamActivatedJobsRequest>
                        call) {
                  call.disableAutoRequestWithInitial(0);
                }

                @Override
                public void onNext(final GatewayOuterClass.ActivatedJob job) {}

                @Override
                public void onError(final Throwable error) {}

                @Override
                public void onCompleted() {}
              });
      final long first =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .variables(large)
              .send()
              .join()
              .getProcessInstanceKey();
      Awaitility.await()
          .until(
              () ->
                  records.of(first).stream()
                      .anyMatch(
                          e ->
                              e.valueType().equals("JOB")
                                  && e.intent().equals("ACTIVATED")
                                  && e.payload().contains("stalled")));

      final List<Long> later = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        later.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(id)
                .latestVersion()
                .variables(large)
                .send()
                .join()
                .getProcessInstanceKey());
      }
      final List<ActivatedJob> polled = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                polled.addAll(
                    client
                        .newActivateJobsCommand()
                        .jobType(type)
                        .maxJobsToActivate(10)
                        .workerName("poller")
                        .requestTimeout(Duration.ofMillis(500))
                        .send()
                        .join()
                        .getJobs());
                return polled.size() >= later.size();
              });
      assertThat(polled)
          .extracting(ActivatedJob::getProcessInstanceKey)
          .containsExactlyInAnyOrderElementsOf(later);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Waits until every stream of {@code type} gets jobs: probe instances are created until each
   * stream has received a probe's job (claimed as it registered, or pushed as it was created); the
   * probes' jobs are completed and taken out again.
   */
  @SafeVarargs
  private void awaitStreamsOpen(final String type, final Collection<ActivatedJob>... streams) {
    final String probe = deployOneTask(type);
    final Set<Integer> reached = new HashSet<>();
    while (reached.size() < streams.length) {
      client.newCreateInstanceCommand().bpmnProcessId(probe).latestVersion().send().join();
      Awaitility.await()
          .until(
              () ->
                  Arrays.stream(streams)
                      .anyMatch(s -> s.stream().anyMatch(j -> j.getBpmnProcessId().equals(probe))));
      for (int i = 0; i < streams.length; i++) {
        final boolean got =
            streams[i].removeIf(
                job -> {
                  if (!job.getBpmnProcessId().equals(probe)) {
                    return false;
                  }
                  client.newCompleteCommand(job.getKey()).send().join();
                  return true;
                });
        if (got) {
          reached.add(i);
        }
      }
    }
  }

  @Test
  void historyOfEndedInstancesIsRemovedAfterTheRetentionAndLiveInstancesAreKept() {
    final String id = deployOneTask("history-" + UUID.randomUUID());
    final long ended =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    client.newCancelInstanceCommand(ended).send().join();
    final long live =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("x", 1))
            .send()
            .join()
            .getProcessInstanceKey();

    engine.clock().advance(Duration.ofDays(29));
    engine.cleanUpHistory();
    assertThat(records.of(ended)).isNotEmpty();

    engine.clock().advance(Duration.ofDays(2));
    engine.cleanUpHistory();
    assertThat(records.of(ended)).isEmpty();
    assertThat(records.stateOf(ended)).isEqualTo("NONE");
    assertThat(records.of(live)).isNotEmpty();
    assertThat(records.stateOf(live)).isEqualTo("ACTIVE");
  }
}
