package io.flowdesk.bench.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What authentication costs on the incident API: {@code GET /api/incidents} with a personal token
 * ({@code Bearer fdp_...}, one SHA-256 and one indexed read) against HTTP Basic with the demo
 * password (bcrypt cost 12, as in production), and the sign-in form, with the password alone and
 * followed by a TOTP code (two-factor sign-in, every demo person enrolled for that row).
 *
 * <p>Flowdesk remembers a verified password for 2 minutes (form and Basic alike), so bcrypt is paid
 * by the first check of each person only: "first" rows are the first check of a demo person each (a
 * handful of samples, one at a time), "remembered" rows the steady state. The token's rate limit is
 * raised for the run (the default, 20/s per token, would measure the limit); the clients share one
 * address, whose password checks may run at most 4 at a time, hence 4 clients by default.
 *
 * <pre>
 * java -cp "$(cat target/classpath.txt):target/classes" io.flowdesk.bench.web.ApiTokenBenchmark \
 *     8 4 ../app/target/flowdesk-app.jar
 * </pre>
 */
public final class ApiTokenBenchmark {

  private static final String PASSWORD =
      System.getProperty("flowdesk.demo-password", "demo-flowdesk-2025");
  private static final Pattern ISSUED =
      Pattern.compile("id=\"issued-token\"[^>]*value=\"(fdp_[^\"]+)\"|value=\"(fdp_[^\"]+)\"");
  private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<");
  private static final List<String> DEMO_PEOPLE =
      List.of("alice", "bob", "agent.anna", "agent.nils", "manager.maria", "cab.carl", "admin");
  private static final String LIST = "/api/incidents";
  private static final int WARMUP_SECONDS = 2;

  private ApiTokenBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    final int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    final Path jar = Path.of(args.length > 2 ? args[2] : "../app/target/flowdesk-app.jar");
    final Path dataDir = Files.createTempDirectory("flowdesk-token-bench").resolve("data");

    try (AppProcess app =
        AppProcess.start(
            jar,
            dataDir,
            "1g",
            "--flowdesk.api.token-rate-limit.per-second=1000000",
            "--flowdesk.api.token-rate-limit.burst=1000000")) {
      final URI base = app.base();
      final PortalBenchmark.PageTimings timings = new PortalBenchmark.PageTimings(Long.MIN_VALUE);

      // First checks (bcrypt): a few people through the form, the others over Basic.
      WebSession alice = null;
      for (final String person : List.of("alice", "bob", "agent.anna")) {
        final long start = System.nanoTime();
        final WebSession session = WebSession.signIn(base, person, PASSWORD);
        timings.record("5 sign-in form, first", start, System.nanoTime() - start, 200);
        alice = alice == null ? session : alice;
      }
      // Admins and managers must sign in with a second factor: Basic is refused for them.
      for (final String person : List.of("agent.nils", "cab.carl")) {
        final HttpClient http = client();
        final long start = System.nanoTime();
        final int status =
            http.send(basic(base, person), HttpResponse.BodyHandlers.discarding()).statusCode();
        timings.record("3 API, Basic, first", start, System.nanoTime() - start, status);
      }
      final String token = createToken(alice);

      run(
          clients,
          seconds,
          timings,
          "1 API, personal token",
          () -> {
            final HttpClient http = client();
            final HttpRequest request =
                HttpRequest.newBuilder(base.resolve(LIST))
                    .header("Authorization", "Bearer " + token)
                    .build();
            return () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          });
      run(
          clients,
          seconds,
          timings,
          "2 API, Basic, remembered",
          () -> {
            final HttpClient http = client();
            final HttpRequest request = basic(base, "alice");
            return () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          });
      run(
          clients,
          seconds,
          timings,
          "4 sign-in form, remembered",
          () ->
              () -> {
                WebSession.signIn(base, "alice", PASSWORD);
                return 200;
              });

      signInWithCodes(base, seconds, timings);

      System.out.printf(
          "%nGET %s as alice (no incidents of hers: authentication plus one query), %d clients,"
              + " %d s per row after %d s unmeasured; \"first\" rows are single checks one at a time"
              + " (req/s not meaningful there); sign-in = login page + POST; with TOTP also the code page +"
              + " POST, one at a time, each person once per 30-s step (a code is accepted once);"
              + " load average %s%n",
          LIST, clients, seconds, WARMUP_SECONDS, loadAverage());
      timings.print(seconds, false);
    }
  }

  /**
   * Enrols every demo person in two-factor sign-in on /account/mfa (admins and managers are sent
   * there right after the password anyway), then signs them in with password and code one at a time
   * for at least a minute: each person once per 30-second step, since a code is accepted once.
   */
  private static void signInWithCodes(
      final URI base, final int seconds, final PortalBenchmark.PageTimings timings)
      throws Exception {
    final Map<String, TotpCodes> people = new LinkedHashMap<>();
    for (final String person : DEMO_PEOPLE) {
      people.put(person, enrol(WebSession.signIn(base, person, PASSWORD)));
    }
    final Map<String, Long> lastStep = new HashMap<>();
    final long step = TotpCodes.step(System.currentTimeMillis());
    people.keySet().forEach(person -> lastStep.put(person, step));
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(seconds, 60));
    while (System.nanoTime() < deadline) {
      final long now = TotpCodes.step(System.currentTimeMillis());
      boolean signedIn = false;
      for (final Map.Entry<String, TotpCodes> person : people.entrySet()) {
        if (lastStep.get(person.getKey()) < now) {
          final long start = System.nanoTime();
          WebSession.signInWithCode(base, person.getKey(), PASSWORD, person.getValue().code(now));
          timings.record("6 sign-in form + TOTP", start, System.nanoTime() - start, 200);
          lastStep.put(person.getKey(), now);
          signedIn = true;
        }
      }
      if (!signedIn) {
        Thread.sleep(200);
      }
    }
  }

  /** Turns two-factor sign-in on for the signed-in person, as they would on the page. */
  private static TotpCodes enrol(final WebSession session) throws Exception {
    final String page = session.get("/account/mfa").body();
    final Matcher secret = SECRET.matcher(page);
    if (!secret.find()) {
      throw new IllegalStateException("no key on the enrolment page of " + session.username());
    }
    final TotpCodes codes = new TotpCodes(secret.group(1));
    final String code = codes.code(TotpCodes.step(System.currentTimeMillis()));
    final HttpResponse<String> confirmed =
        session.post(
            "/account/mfa/confirm",
            "code=" + code + "&_csrf=" + WebSession.encode(WebSession.csrf(page)));
    if (confirmed.statusCode() != 200 || !confirmed.body().contains("recovery-codes")) {
      throw new IllegalStateException(
          "enrolment of " + session.username() + " refused: " + confirmed.statusCode());
    }
    return codes;
  }

  /** A closed loop of {@code clients} threads, each with its own connection, for the row. */
  private static void run(
      final int clients,
      final int seconds,
      final PortalBenchmark.PageTimings timings,
      final String row,
      final ClientFactory clientFactory)
      throws Exception {
    final long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
    final long deadline = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    final ExecutorService threads = Executors.newFixedThreadPool(clients);
    try {
      final List<Future<Void>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            threads.submit(
                () -> {
                  final Call call = clientFactory.create();
                  while (System.nanoTime() < deadline) {
                    final long start = System.nanoTime();
                    final int status = call.status();
                    if (start >= measureFrom) {
                      timings.record(row, start, System.nanoTime() - start, status);
                    }
                  }
                  return null;
                }));
      }
      for (final Future<Void> future : running) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private interface ClientFactory {
    Call create() throws Exception;
  }

  private interface Call {
    int status() throws Exception;
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpRequest basic(final URI base, final String username) {
    final String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(base.resolve(LIST))
        .header("Authorization", "Basic " + credentials)
        .build();
  }

  /** Creates a read token on the account page, as a person would, and reads it off the answer. */
  private static String createToken(final WebSession session) throws Exception {
    final String csrf = WebSession.csrf(session.get("/account/tokens").body());
    final HttpResponse<String> created =
        session.post(
            "/account/tokens", "name=bench&scope=read&days=1&_csrf=" + WebSession.encode(csrf));
    final Matcher matcher = ISSUED.matcher(created.body());
    if (created.statusCode() != 200 || !matcher.find()) {
      throw new IllegalStateException("no token created: " + created.statusCode());
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
