package io.flowdesk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time this JVM (engine and client) and the benchmark's PostgreSQL server used, from Linux's
 * {@code /proc}. On a shared VM a rate moves with the host's load; the CPU a unit of work took
 * moves less, so both are printed.
 */
final class CpuMeter {

  /** Linux reports process CPU in clock ticks of 10 ms on every platform this runs on. */
  private static final double MS_PER_TICK = 10.0;

  private final String postmasterPort;

  /** CPU milliseconds used so far. */
  record Reading(double jvm, double postgres) {
    Reading minus(final Reading earlier) {
      return new Reading(jvm - earlier.jvm, postgres - earlier.postgres);
    }
  }

  CpuMeter(final EmbeddedPostgres postgres) {
    this.postmasterPort = "-p " + postgres.getPort() + " ";
  }

  Reading read() {
    final List<ProcessHandle> server = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> isPostmaster(String.join(" ", a))).orElse(false))
        .forEach(
            postmaster -> {
              server.add(postmaster);
              postmaster.descendants().forEach(server::add);
            });
    double postgres = 0;
    for (final ProcessHandle process : server) {
      postgres += ticks(process.pid());
    }
    return new Reading(ticks(ProcessHandle.current().pid()) * MS_PER_TICK, postgres * MS_PER_TICK);
  }

  private boolean isPostmaster(final String arguments) {
    return (arguments + " ").contains(postmasterPort);
  }

  /** User and system ticks of a process; 0 once it is gone (a backend that ended meanwhile). */
  private static long ticks(final long pid) {
    try {
      final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which may contain spaces, closed by ") ".
      final String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
