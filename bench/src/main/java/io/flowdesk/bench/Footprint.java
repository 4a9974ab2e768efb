package io.flowdesk.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows and bytes the engine keeps per completed one-task instance (until retention removes it). */
final class Footprint {

  private Footprint() {}

  /** Answers {rows per instance, bytes per instance}. */
  static double[] measure(
      final CamundaClient client,
      final DataSource dataSource,
      final String processId,
      final int instances) {
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql("VACUUM").update();
    final long rowsBefore = rows(jdbc);
    final long bytesBefore = bytes(jdbc);
    try (JobWorker worker = Workers.completing(client)) {
      for (int i = 0; i < instances; i++) {
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofMinutes(1))
            .send()
            .join();
      }
    }
    jdbc.sql("VACUUM ANALYZE").update();
    return new double[] {
      (rows(jdbc) - rowsBefore) / (double) instances,
      (bytes(jdbc) - bytesBefore) / (double) instances
    };
  }

  private static long rows(final JdbcClient jdbc) {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM engine.record_batch) + (SELECT count(*) FROM engine.process_instance)"
                + " + (SELECT count(*) FROM engine.element_instance) + (SELECT count(*) FROM engine.variable)"
                + " + (SELECT count(*) FROM engine.job) + (SELECT count(*) FROM engine.incident)")
        .query(Long.class)
        .single();
  }

  private static long bytes(final JdbcClient jdbc) {
    return jdbc.sql(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'engine' AND c.relkind = 'r'")
        .query(Long.class)
        .single();
  }
}
