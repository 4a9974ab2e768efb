package io.flowdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completed instances per second of {@code start -> N service tasks -> end}, driven through the
 * real camunda client over gRPC against an engine on a durable (fsync on) embedded PostgreSQL, next
 * to the machine's PostgreSQL commit ceiling.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am install -DskipTests && java -cp "$(cat
 * bench/target/classpath.txt):bench/target/classes" io.flowdesk.bench.EngineThroughputBenchmark 60}
 */
public final class EngineThroughputBenchmark {

  private EngineThroughputBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        HikariDataSource dataSource = new HikariDataSource()) {
      dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      dataSource.setMaximumPoolSize(32);
      final double commits = commitCeiling(dataSource, Math.min(seconds, 10));
      try (Engine engine =
              EngineBootstrap.start(
                  dataSource,
                  new EngineProperties(true, "127.0.0.1", 0, 500, Duration.ofDays(30)),
                  new EngineClock());
          CamundaClient client =
              CamundaClient.newClientBuilder()
                  .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
                  .restAddress(URI.create("http://127.0.0.1:1"))
                  .preferRestOverGrpc(false)
                  .numJobWorkerExecutionThreads(8)
                  .build()) {
        System.out.printf("%-34s %12s%n", "measure", "value");
        System.out.printf("%-34s %12.0f%n", "PostgreSQL commits/s (1 conn)", commits);
        for (final int tasks : new int[] {1, 10}) {
          final double rate = throughput(client, tasks, seconds);
          System.out.printf("%-34s %12.1f%n", "instances/s, " + tasks + " service task(s)", rate);
        }
      }
    }
  }

  private static double throughput(final CamundaClient client, final int tasks, final int seconds)
      throws Exception {
    final String id = "bench" + tasks;
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(id).startEvent();
    for (int i = 0; i < tasks; i++) {
      builder = builder.serviceTask("task" + i, t -> t.zeebeJobType("bench-work"));
    }
    client
        .newDeployResourceCommand()
        .addProcessModel(builder.endEvent().done(), id + ".bpmn")
        .send()
        .join();
    final AtomicLong completed = new AtomicLong();
    final Semaphore inFlight = new Semaphore(200);
    try (JobWorker worker =
        client
            .newWorker()
            .jobType("bench-work")
            .handler((jobClient, job) -> jobClient.newCompleteCommand(job.getKey()).send().join())
            .maxJobsActive(256)
            .pollInterval(Duration.ofMillis(10))
            .open()) {
      final long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long started = 0;
      final long begin = System.nanoTime();
      while (System.nanoTime() < end) {
        inFlight.acquire();
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofMinutes(1))
            .send()
            .whenComplete(
                (result, error) -> {
                  if (error == null) {
                    completed.incrementAndGet();
                  }
                  inFlight.release();
                });
        started++;
      }
      inFlight.acquire(200);
      final double elapsed = (System.nanoTime() - begin) / 1e9;
      inFlight.release(200);
      return completed.get() / elapsed;
    }
  }

  /** Single-connection INSERT+COMMIT loop: the durable commit rate this machine can do. */
  private static double commitCeiling(final HikariDataSource dataSource, final int seconds)
      throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGSERIAL PRIMARY KEY, v INT)");
      connection.setAutoCommit(false);
      long count = 0;
      final long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      final long begin = System.nanoTime();
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO bench_commit (v) VALUES (1)")) {
        while (System.nanoTime() < end) {
          insert.executeUpdate();
          connection.commit();
          count++;
        }
      }
      return count / ((System.nanoTime() - begin) / 1e9);
    }
  }
}
