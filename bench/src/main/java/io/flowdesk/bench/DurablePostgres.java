package io.flowdesk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * The embedded PostgreSQL the benchmarks run on, durable as the application's: the library's
 * defaults (fsync and synchronous_commit off) suit throwaway test databases, but a benchmark
 * measures what a durable commit costs.
 */
final class DurablePostgres {

  private DurablePostgres() {}

  static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder()
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
  }
}
