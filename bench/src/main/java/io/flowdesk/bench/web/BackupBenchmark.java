package io.flowdesk.bench.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 23: how long {@code ./flowdesk backup} takes on a running server with a large database, how
 * big the file is, how long {@code ./flowdesk restore} into a fresh data directory takes and the
 * first start after it (restore + start is the recovery time).
 *
 * <p>Works on a data directory that {@link OperateBenchmark} seeded and kept ({@code
 * -Dflowdesk.bench.data-dir=DIR}: its instances copied into the engine's tables, its incidents into
 * the domain), so the two share one seeding:
 *
 * <pre>
 * java -Dflowdesk.bench.data-dir=/tmp/backup-data -Dflowdesk.bench.warmup-seconds=0 -cp ... \
 *     io.flowdesk.bench.web.OperateBenchmark 1000000 100000 1 1 ../app/target/flowdesk-app.jar
 * java -cp ... io.flowdesk.bench.web.BackupBenchmark /tmp/backup-data ../app/target/flowdesk-app.jar
 * </pre>
 */
public final class BackupBenchmark {

  private BackupBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final Path dataDir = Path.of(args[0]).toAbsolutePath();
    final Path jar = Path.of(args.length > 1 ? args[1] : "../app/target/flowdesk-app.jar");
    if (!Files.isDirectory(dataDir.resolve("postgres"))) {
      throw new IllegalStateException(
          dataDir + " holds no database: seed it with OperateBenchmark -Dflowdesk.bench.data-dir");
    }
    final Path work = Files.createTempDirectory("flowdesk-backup-bench");
    final Path backup = work.resolve("flowdesk.zip");
    final Path restored = work.resolve("restored");
    final String loadAtStart = PortalBenchmark.loadAverage();
    final int dbPort = AppProcess.freePort();
    final String contents;
    final double backupSeconds;
    try (AppProcess app =
        AppProcess.start(jar, dataDir, "1g", "--flowdesk.db.embedded-port=" + dbPort)) {
      contents = contents(dbPort);
      System.out.printf("data directory %s: %s%n", dataDir, contents);
      backupSeconds = flowdesk(jar, "backup", backup.toString(), "--data-dir=" + dataDir);
    }
    final double restoreSeconds =
        flowdesk(jar, "restore", backup.toString(), "--data-dir=" + restored);
    final int restoredPort = AppProcess.freePort();
    final long startedAt = System.nanoTime();
    final String restoredContents;
    try (AppProcess app =
        AppProcess.start(jar, restored, "1g", "--flowdesk.db.embedded-port=" + restoredPort)) {
      final double startSeconds = (System.nanoTime() - startedAt) / 1e9;
      restoredContents = contents(restoredPort);
      System.out.printf(
          Locale.ROOT,
          "%nbackup and restore of %s; load average %s at the start, %s at the end%n",
          contents,
          loadAtStart,
          PortalBenchmark.loadAverage());
      System.out.printf(
          Locale.ROOT,
          "| data directory (postgres/) | backup while running | backup file | restore into a"
              + " fresh directory | first start after the restore | restore + start |%n");
      System.out.printf(
          Locale.ROOT,
          "| %,.0f MB | %.0f s | %,.0f MB | %.0f s | %.0f s | %.0f s |%n",
          megabytes(dataDir.resolve("postgres")),
          backupSeconds,
          Files.size(backup) / 1e6,
          restoreSeconds,
          startSeconds,
          restoreSeconds + startSeconds);
    }
    if (!restoredContents.equals(contents)) {
      throw new IllegalStateException("restored " + restoredContents + ", backed up " + contents);
    }
    System.out.println("the restored database holds the same counts");
    Files.delete(backup);
  }

  /** Runs the packaged command; its wall time in seconds, or fails with its output. */
  private static double flowdesk(final Path jar, final String... arguments)
      throws IOException, InterruptedException {
    final List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(arguments));
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FLOWDESK_"));
    final long started = System.nanoTime();
    final Process process = builder.start();
    final String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(1, TimeUnit.HOURS);
    final double seconds = (System.nanoTime() - started) / 1e9;
    System.out.print(output);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(arguments[0] + " failed");
    }
    return seconds;
  }

  /** Instances by state and incidents: what the restored database must hold again. */
  private static String contents(final int port) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/flowdesk?user=postgres");
        Statement statement = db.createStatement();
        ResultSet counts =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM engine.process_instance WHERE state = 'COMPLETED'),"
                    + " (SELECT count(*) FROM engine.process_instance WHERE state <> 'COMPLETED'),"
                    + " (SELECT count(*) FROM engine.incident),"
                    + " (SELECT count(*) FROM domain.incident)")) {
      counts.next();
      return String.format(
          Locale.ROOT,
          "%,d completed and %,d other process instances, %,d engine incidents, %,d incident"
              + " records",
          counts.getLong(1),
          counts.getLong(2),
          counts.getLong(3),
          counts.getLong(4));
    }
  }

  private static double megabytes(final Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
              .filter(Files::isRegularFile)
              .mapToLong(
                  file -> {
                    try {
                      return Files.size(file);
                    } catch (IOException e) {
                      return 0;
                    }
                  })
              .sum()
          / 1e6;
    }
  }
}
