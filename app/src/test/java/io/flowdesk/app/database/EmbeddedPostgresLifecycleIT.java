package io.flowdesk.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default database as a newcomer meets it: the packaged jar started with nothing configured,
 * stopped with Ctrl-C, killed, and started again on the same data directory.
 */
class EmbeddedPostgresLifecycleIT {

  @TempDir Path workDir;

  @Test
  void ctrlCStopsTheEmbeddedPostgresTooAndASecondStartKeepsTheData() throws Exception {
    final Path dataDir = workDir.resolve("data");
    final long postmaster;
    try (ServerProcess first = ServerProcess.start(dataDir)) {
      assertThat(first.landingPage()).contains("embedded PostgreSQL").contains("started 1 time");
      postmaster = first.postmasterPid();

      assertThat(first.interrupt()).as("exit code after Ctrl-C").isIn(0, 130);
    }

    awaitGone(postmaster);
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

    try (ServerProcess second = ServerProcess.start(dataDir)) {
      assertThat(second.landingPage()).contains("started 2 times");
      second.interrupt();
    }
  }

  @Test
  void theEmbeddedDatabaseFlushesEveryCommitToDisk() throws Exception {
    final Path dataDir = workDir.resolve("data");
    try (ServerProcess server = ServerProcess.start(dataDir)) {
      // The fourth line of PostgreSQL's pid file is the port it listens on.
      final String port =
          Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
      try (Connection connection =
              DriverManager.getConnection(
                  "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
          Statement statement = connection.createStatement();
          ResultSet settings =
              statement.executeQuery(
                  "SELECT name, setting FROM pg_settings"
                      + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
        final Map<String, String> durability = new HashMap<>();
        while (settings.next()) {
          durability.put(settings.getString(1), settings.getString(2));
        }
        assertThat(durability)
            .containsEntry("fsync", "on")
            .containsEntry("synchronous_commit", "on")
            .containsEntry("full_page_writes", "on");
      }
      server.interrupt();
    }
  }

  @Test
  void startAfterAKilledJvmStopsTheOrphanedPostgresAndKeepsTheData() throws Exception {
    final Path dataDir = workDir.resolve("data");
    final long orphan;
    try (ServerProcess crashed = ServerProcess.start(dataDir)) {
      orphan = crashed.postmasterPid();
      crashed.crash();
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
        .as("kill -9 of the JVM leaves its postmaster running")
        .hasValue(true);

    try (ServerProcess recovered = ServerProcess.start(dataDir)) {
      assertThat(recovered.landingPage()).contains("started 2 times");
      assertThat(recovered.postmasterPid()).isNotEqualTo(orphan);
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
          .as("orphaned postmaster %s alive after recovery", orphan)
          .isFalse();
      recovered.interrupt();
    }
  }

  @Test
  void startAfterPowerLossIgnoresAStalePidFileEvenWhenItsPidWasReused() throws Exception {
    final Path dataDir = workDir.resolve("data");
    final long postmaster;
    try (ServerProcess first = ServerProcess.start(dataDir)) {
      postmaster = first.postmasterPid();
      first.interrupt();
    }
    // A power loss leaves no PostgreSQL running: wait until the stopped one is reaped too.
    awaitGone(postmaster);
    // After a power loss the pid file survives, and its pid may now belong to another process:
    // PostgreSQL alone would refuse to start ("lock file already exists").
    final long unrelatedLiveProcess = ProcessHandle.current().pid();
    Files.writeString(
        dataDir.resolve("postgres/postmaster.pid"),
        unrelatedLiveProcess + "\n" + dataDir.resolve("postgres") + "\n");

    try (ServerProcess second = ServerProcess.start(dataDir)) {
      assertThat(second.landingPage()).contains("started 2 times");
      second.interrupt();
    }
  }

  // pg_ctl returns once the pid file is gone; the process itself may need a moment to be reaped.
  private static void awaitGone(final long postmaster) {
    await("postmaster " + postmaster + " gone after Ctrl-C")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
  }
}
