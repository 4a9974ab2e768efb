package io.flowdesk.bench.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Flowdesk jar as a separate JVM in its local default (embedded PostgreSQL, demo users
 * and groups), so the benchmark measures what a user's browser would see.
 */
final class AppProcess implements AutoCloseable {

  /**
   * The engine API's static token for this run ({@link EngineApi}): the engine admits no client
   * without credentials, and a benchmark deploys and searches like Camunda Modeler would.
   */
  static final String ENGINE_TOKEN = "bench-" + java.util.UUID.randomUUID();

  private final Process process;
  private final URI base;
  private final Path log;

  private AppProcess(final Process process, final URI base, final Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * @param settings further {@code --name=value} settings for the app
   */
  static AppProcess start(
      final Path jar, final Path dataDir, final String heap, final String... settings)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " not found: build it with ./mvnw -q -B -pl app -am package -DskipTests");
    }
    final int port = freePort();
    final Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    final List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    // Extra JVM options for the app, e.g. a flight recording: -Dflowdesk.bench.app-jvm-args=...
    for (final String option : System.getProperty("flowdesk.bench.app-jvm-args", "").split(" ")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server.port=" + port,
            "--flowdesk.engine.grpc-port=0",
            "--flowdesk.data-dir=" + dataDir,
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            // Managers and admins sign in with the password alone (their default is to need a
            // second factor); ApiTokenBenchmark measures sign-in with a code on its own row.
            "--flowdesk.security.mfa.required-roles=",
            "--logging.level.root=WARN"));
    command.addAll(List.of(settings));
    final ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FLOWDESK_"));
    final AppProcess app =
        new AppProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
    app.awaitHealthy();
    return app;
  }

  URI base() {
    return base;
  }

  private void awaitHealthy() throws InterruptedException {
    final HttpClient http = HttpClient.newHttpClient();
    // -Dflowdesk.bench.start-minutes: a machine shared by several builds may need longer.
    final long minutes = Long.getLong("flowdesk.bench.start-minutes", 6);
    final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Flowdesk exited during start; see " + log);
      }
      try {
        final HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Flowdesk not healthy within " + minutes + " minutes; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
