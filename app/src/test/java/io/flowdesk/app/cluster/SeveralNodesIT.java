package io.flowdesk.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.Browser;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.engine.test.SharedPostgres;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two packaged Flowdesk nodes on one PostgreSQL, as behind a load balancer: a person signed in on
 * one goes on on the other and signs out of both at once; timers and jobs run once whichever node's
 * engine and workers see them; the app's housekeeping is one Quartz cluster.
 */
class SeveralNodesIT {

  private static final String ENGINE_TOKEN = "nodes-it-" + UUID.randomUUID();
  private static final int INSTANCES = 20;

  @TempDir Path workDir;

  @Test
  void twoNodesShareSessionsAndRunEachTimerAndJobOnce() throws Exception {
    final String database = SharedPostgres.newDatabase();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final HttpServer counter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    counter.createContext(
        "/hit",
        exchange -> {
          calls
              .computeIfAbsent(exchange.getRequestURI().getQuery(), key -> new AtomicInteger())
              .incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    counter.start();
    final int grpcPortA = ServerProcess.freePort();
    try (ServerProcess a = node("a", database, grpcPortA);
        ServerProcess b = node("b", database, ServerProcess.freePort());
        CamundaClient client = ServerProcess.engineClient(grpcPortA, ENGINE_TOKEN)) {
      // Sessions: sign in on A, go on on B, sign out on B, and A knows it too.
      final Browser browser = new Browser();
      browser.signIn(a.baseUrl(), "alice", "demo-flowdesk-2025");
      final HttpResponse<String> portalOnB = browser.get(b.baseUrl() + "/portal");
      assertThat(portalOnB.statusCode()).isEqualTo(200);
      assertThat(portalOnB.body()).contains("Alice Andersen");
      browser.submit(b.baseUrl() + "/portal", b.baseUrl() + "/logout", "");
      assertThat(browser.get(a.baseUrl() + "/portal").headers().firstValue("Location"))
          .hasValueSatisfying(location -> assertThat(location).contains("/login"));

      // Timers and jobs: both engines scan timers, both nodes' workers poll flowdesk:http.
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("twoNodes")
                  .startEvent()
                  .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT1S"))
                  .serviceTask(
                      "call",
                      t ->
                          t.zeebeJobType("flowdesk:http")
                              .zeebeInput("=\"GET\"", "method")
                              .zeebeInput(
                                  "=\"http://127.0.0.1:"
                                      + counter.getAddress().getPort()
                                      + "/hit?\" + string(n)",
                                  "url"))
                  .endEvent()
                  .done(),
              "twoNodes.bpmn")
          .send()
          .join();
      for (int n = 0; n < INSTANCES; n++) {
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("twoNodes")
            .latestVersion()
            .variables(Map.of("n", n))
            .send()
            .join();
      }
      await("every instance's call")
          .atMost(Duration.ofMinutes(2))
          .until(() -> calls.size() == INSTANCES);
      // Long enough for a second node's duplicate to have arrived, were there one.
      Thread.sleep(3_000);
      assertThat(calls.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));

      // Housekeeping: one Quartz cluster of two nodes, one trigger.
      final JdbcClient jdbc =
          JdbcClient.create(
              new DriverManagerDataSource(
                  database, SharedPostgres.user(), SharedPostgres.password()));
      assertThat(
              jdbc.sql("SELECT count(*) FROM flowdesk.qrtz_scheduler_state")
                  .query(Integer.class)
                  .single())
          .isEqualTo(2);
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM flowdesk.qrtz_triggers WHERE trigger_name ="
                          + " 'engine-history-cleanup'")
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
    } finally {
      counter.stop(0);
    }
  }

  private ServerProcess node(final String name, final String database, final int grpcPort)
      throws Exception {
    return ServerProcess.start(
        workDir.resolve(name),
        List.of(
            "--flowdesk.db.url=" + database,
            "--flowdesk.db.user=" + SharedPostgres.user(),
            "--flowdesk.db.password=" + SharedPostgres.password(),
            "--flowdesk.demo-data=true",
            "--flowdesk.engine.grpc-port=" + grpcPort,
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            "--flowdesk.connectors.http.allowed-hosts=127.0.0.1",
            "--flowdesk.connectors.http.allowed-address-ranges=127.0.0.1/32"));
  }
}
