package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Long polls over REST wait without holding a request thread: more workers than the listener has
 * threads can wait at once, and other requests are still answered at once.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class RestLongPollingTest {

  // More than the engine's own listener has request threads (64).
  private static final int WAITING_WORKERS = 100;
  // Long enough for a busy machine to create the jobs; a thread-bound poll would hold the
  // topology request this long.
  private static final int REQUEST_TIMEOUT_MILLIS = 60_000;

  CamundaClient client;
  Engine engine;

  @Test
  void waitingWorkersHoldNoRequestThreadAndAllReceiveTheirJobs() throws Exception {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    final String type = "poll-" + id;
    deployOneTaskProcess(id, type);
    final Http http = Http.of(engine);
    final ExecutorService workers = Executors.newFixedThreadPool(WAITING_WORKERS);
    try {
      final List<CompletableFuture<Http.Answer>> polls = new ArrayList<>();
      for (int i = 0; i < WAITING_WORKERS; i++) {
        polls.add(
            CompletableFuture.supplyAsync(
                () ->
                    http.post(
                        "/v2/jobs/activation",
                        Map.of(
                            "type",
                            type,
                            "timeout",
                            60_000,
                            "maxJobsToActivate",
                            1,
                            "requestTimeout",
                            REQUEST_TIMEOUT_MILLIS)),
                workers));
      }
      Thread.sleep(1_000);

      final long before = System.nanoTime();
      final Http.Answer topology = http.get("/v2/topology");
      final Duration topologyTook = Duration.ofNanos(System.nanoTime() - before);
      for (int i = 0; i < WAITING_WORKERS; i++) {
        client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
      }
      final List<String> jobKeys = new ArrayList<>();
      for (final CompletableFuture<Http.Answer> poll : polls) {
        final Http.Answer answer = poll.get(REQUEST_TIMEOUT_MILLIS + 30_000, TimeUnit.MILLISECONDS);
        assertThat(answer.status()).isEqualTo(200);
        answer.json().get("jobs").forEach(job -> jobKeys.add(job.get("jobKey").asText()));
      }

      assertThat(topology.status()).isEqualTo(200);
      assertThat(topologyTook).isLessThan(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS / 3));
      assertThat(jobKeys).hasSize(WAITING_WORKERS).doesNotHaveDuplicates();
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void aJobClaimedForAWorkerThatWentAwayIsActivatableAgainAtOnce() throws Exception {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    final String type = "gone-" + id;
    deployOneTaskProcess(id, type);
    final URI rest = engine.restAddress().orElseThrow();
    final String poll =
        "{\"type\":\""
            + type
            + "\",\"worker\":\"gone\",\"timeout\":600000,\"maxJobsToActivate\":1,"
            + "\"requestTimeout\":30000}";
    try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
      final OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/jobs/activation HTTP/1.1\r\nHost: "
                  + rest.getHost()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + poll.length()
                  + "\r\n\r\n"
                  + poll)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Let the poll start waiting, then vanish without a goodbye (a reset, not a close).
      Thread.sleep(500);
      socket.setSoLinger(true, 0);
    }
    // An answer this large cannot be written to the reset connection.
    client
        .newCreateInstanceCommand()
        .bpmnProcessId(id)
        .latestVersion()
        .variables(Map.of("attachment", "x".repeat(2_000_000)))
        .send()
        .join();

    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(10))
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join(30, TimeUnit.SECONDS)
            .getJobs();

    // Without handing the job back it would wait for the gone worker's ten-minute timeout.
    assertThat(jobs).hasSize(1);
  }

  private void deployOneTaskProcess(final String id, final String type) {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType(type))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
  }
}
