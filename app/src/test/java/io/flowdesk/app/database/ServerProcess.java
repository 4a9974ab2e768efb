package io.flowdesk.app.database;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.Browser;
import io.flowdesk.engine.EngineCredentialsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The packaged Flowdesk jar running as a separate JVM, as a newcomer would start it. */
public final class ServerProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final int LOG_TAIL_LINES = 80;
  private static final int START_ATTEMPTS = 3;
  private static final long STOP_MINUTES = 3;

  private final Process process;
  private final int httpPort;
  private final Path dataDir;
  private final Path log;

  private ServerProcess(
      final Process process, final int httpPort, final Path dataDir, final Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** Starts the jar on a free port with its data under {@code dataDir} and waits until healthy. */
  public static ServerProcess start(final Path dataDir) throws IOException {
    // The landing page is read as the demo admin, with the password alone.
    return start(
        dataDir,
        List.of("--flowdesk.engine.grpc-port=0", "--flowdesk.security.mfa.required-roles="));
  }

  /** As {@link #start(Path)}, with more command line arguments (e.g. fixed engine ports). */
  public static ServerProcess start(final Path dataDir, final List<String> arguments)
      throws IOException {
    final String jar = System.getProperty("flowdesk.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("Run with -Dflowdesk.jar=<packaged app jar>, found " + jar);
    }
    for (int attempt = 1; ; attempt++) {
      final ServerProcess server = launch(jar, dataDir, arguments);
      if (server.awaitHealthy(attempt < START_ATTEMPTS)) {
        return server;
      }
    }
  }

  private static ServerProcess launch(
      final String jar, final Path dataDir, final List<String> arguments) throws IOException {
    // The port is free now, but the server binds it seconds later: by then an outgoing connection
    // (from the same ephemeral range) may hold it, and awaitHealthy asks for another try.
    final int port = freePort();
    final Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log");
    final List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar,
                "--server.port=" + port,
                "--flowdesk.data-dir=" + dataDir));
    if (arguments.stream().noneMatch(argument -> argument.startsWith("--flowdesk.mail.local-"))) {
      // The local default mail server runs (no mail host, embedded database): on free ports, so
      // a server of another test or a developer's Flowdesk cannot collide.
      command.add("--flowdesk.mail.local-smtp-port=0");
      command.add("--flowdesk.mail.local-imap-port=0");
    }
    command.addAll(arguments);
    final ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FLOWDESK_DB_"));
    return new ServerProcess(builder.start(), port, dataDir, log);
  }

  /**
   * True once healthy; false when the web port was taken and another try is allowed; otherwise
   * fails with the end of the server's log.
   */
  private boolean awaitHealthy(final boolean mayRetry) {
    try {
      await("Flowdesk on port " + httpPort + " healthy")
          // Generous: on a build machine shared by several builds a start can take minutes
          // (-Dflowdesk.it.start-minutes when even that is not enough).
          .atMost(Duration.ofMinutes(Long.getLong("flowdesk.it.start-minutes", 6)))
          .pollInterval(Duration.ofMillis(500))
          .failFast("the server process exited", () -> !process.isAlive())
          .until(() -> get("/actuator/health").map(body -> body.contains("\"UP\"")).orElse(false));
      return true;
    } catch (RuntimeException e) {
      final String logEnd = tail();
      if (mayRetry
          && !process.isAlive()
          && logEnd.contains("Port " + httpPort + " was already in use")) {
        return false;
      }
      // The log lives in the test's temporary directory, gone once the test ends: keep its end.
      throw new IllegalStateException(e.getMessage() + "; end of its log:\n" + logEnd, e);
    }
  }

  private String tail() {
    try {
      final List<String> lines = Files.readAllLines(log);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  Optional<String> get(final String path) {
    try {
      final HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Optional.of(response.body());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The server's own address, e.g. http://localhost:8123. */
  public String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  /** The landing page as the demo admin sees it (it is for signed-in people only). */
  String landingPage() {
    final Browser browser = new Browser();
    try {
      browser.signIn(baseUrl(), "admin", "demo-flowdesk-2025");
      return browser.get(baseUrl() + "/").body();
    } catch (IOException e) {
      throw new UncheckedIOException("landing page did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  Path postgresDataDirectory() {
    return dataDir.resolve("postgres");
  }

  /** The pid of the embedded postmaster, from the pid file PostgreSQL keeps in its directory. */
  long postmasterPid() {
    try {
      return Long.parseLong(
          Files.readAllLines(postgresDataDirectory().resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What Ctrl-C in a terminal does: SIGINT, then wait for the JVM to finish its shutdown (it stops
   * the engine, the pool and the embedded PostgreSQL in turn; on a machine shared by several builds
   * that takes far longer than the seconds it takes alone).
   */
  public int interrupt() throws IOException, InterruptedException {
    signal("INT");
    if (!process.waitFor(STOP_MINUTES, TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          "Flowdesk did not stop within "
              + STOP_MINUTES
              + " minutes of SIGINT; end of its log:\n"
              + tail());
    }
    return process.exitValue();
  }

  /** A crash: the JVM dies at once and runs none of its shutdown hooks. */
  public void crash() throws IOException, InterruptedException {
    signal("KILL");
    process.waitFor(30, TimeUnit.SECONDS);
  }

  private void signal(final String signal) throws IOException, InterruptedException {
    new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(process.pid())))
        .inheritIO()
        .start()
        .waitFor();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /**
   * A camunda client for the engine of a jar started with {@code
   * --flowdesk.engine.grpc-port=grpcPort} and {@code --flowdesk.engine.credentials.token=token}:
   * the jar's engine serves clients other than its own only with credentials.
   */
  public static CamundaClient engineClient(final int grpcPort, final String token) {
    return engineClient(grpcPort, token, URI.create("http://127.0.0.1:1"));
  }

  /**
   * As {@link #engineClient(int, String)}, with the engine's REST API ({@code /v2}) at {@code
   * restAddress} (the server's {@link #baseUrl()}): searches and user task commands exist only
   * there.
   */
  public static CamundaClient engineClient(
      final int grpcPort, final String token, final URI restAddress) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
        .restAddress(restAddress)
        .preferRestOverGrpc(false)
        .credentialsProvider(new EngineCredentialsProvider(() -> "Bearer " + token))
        .build();
  }

  /** The embedded PostgreSQL of a jar started with {@code --flowdesk.db.embedded-port=port}. */
  public static DataSource database(final int port) {
    return new DriverManagerDataSource(
        "jdbc:postgresql://localhost:" + port + "/flowdesk", "postgres", "postgres");
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
