package io.flowdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineCredentialsProvider;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every benchmark runs on: a durable embedded PostgreSQL (fsync on, as in production), the
 * engine, and a real camunda client talking gRPC to it.
 */
final class BenchEngine implements AutoCloseable {

  final EmbeddedPostgres postgres;
  final HikariDataSource dataSource;
  final Engine engine;
  final CamundaClient client;

  BenchEngine() throws IOException {
    postgres = DurablePostgres.start();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    // Sized as the app sizes its pool by default (FLOWDESK_DB_POOL_SIZE): what a user runs.
    dataSource.setMaximumPoolSize(Math.max(32, 4 * Runtime.getRuntime().availableProcessors()));
    engine =
        EngineBootstrap.start(
            dataSource,
            EngineProperties.loopback().withJobTimeoutScanMillis(500),
            new EngineClock());
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
            .restAddress(engine.restAddress().orElseThrow())
            .preferRestOverGrpc(false)
            .numJobWorkerExecutionThreads(8)
            .credentialsProvider(EngineCredentialsProvider.of(engine))
            .build();
  }

  /** Deploys {@code start -> tasks x service task (job type "bench-work") -> end}. */
  String deploySequence(final int tasks) {
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
    return id;
  }

  static long rssBytes() {
    try {
      for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  static long heapAfterGc() {
    System.gc();
    final Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Override
  public void close() throws IOException {
    client.close();
    engine.close();
    dataSource.close();
    postgres.close();
  }
}
