package io.flowdesk.connectors.rpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Scripts run on Debian's Chromium against the local {@link LegacyAdminConsole}. */
class RpaRunnerTest {

  @TempDir static Path artifacts;

  private static LegacyAdminConsole console;
  private static BrowserPool pool;
  private static RpaRunner runner;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void startConsoleAndBrowser() {
    console = LegacyAdminConsole.start();
    // One browser: every test's run reuses it, which is what makes the isolation test meaningful.
    pool = new BrowserPool(BrowserPoolConfig.of(1));
    runner =
        new RpaRunner(
            pool, RpaRunSettings.of(artifacts).withDefaultStepTimeout(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() {
    pool.close();
    console.close();
  }

  @BeforeEach
  void captureLog() {
    final Logger logger = (Logger) LoggerFactory.getLogger("io.flowdesk.connectors.rpa");
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    final Logger logger = (Logger) LoggerFactory.getLogger("io.flowdesk.connectors.rpa");
    logger.detachAppender(log);
    logger.setAdditive(true);
    logger.setLevel(null);
  }

  @Test
  void createsAUserInTheLegacyAdminConsoleAsTheServerRecordsIt() {
    final RpaResult result =
        runner.run(
            RpaScripts.createUser(),
            RpaScripts.createUserInputs(console.baseUrl(), "jdoe"),
            RpaScripts.secrets());

    assertThat(console.createdUsers())
        .singleElement()
        .satisfies(
            user ->
                assertThat(user)
                    .containsEntry("login", "jdoe")
                    .containsEntry("fullName", "Jane Doe")
                    .containsEntry("email", "jdoe@example.org")
                    .containsEntry("initialPassword", RpaScripts.INITIAL_PASSWORD)
                    .containsEntry("role", "ops")
                    .containsEntry("active", "on")
                    .doesNotContainKey("newsletter"));
    final String id = console.createdUsers().get(0).get("id");
    assertThat(result.variables())
        .containsExactly(Map.entry("userId", id), Map.entry("role", "ops"));
    assertThat(result.steps()).hasSize(RpaScripts.createUser().steps().size());
    assertThat(result.steps().get(9).step())
        .isEqualTo("fill \"#initial-password\" with secret \"initial-password\"");
  }

  @Test
  void wrongPasswordFailsTheAssertionWithTheErrorTheConsoleShowsButNotThePassword()
      throws IOException {
    final String wrongPassword = "Wr0ng&Pass! \"x\"";
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/login"},
              {"action": "fill", "selector": "#username", "value": "admin"},
              {"action": "fill", "selector": "#password", "secret": "console-admin"},
              {"action": "click", "selector": "#sign-in"},
              {"action": "assert", "selector": ".flash", "equals": "Welcome, admin",
               "timeoutMs": 2000}
            ]}
            """);

    final RpaStepException failed =
        catchThrowableOfType(
            RpaStepException.class,
            () ->
                runner.run(
                    script,
                    Map.of("baseUrl", console.baseUrl()),
                    RpaScripts.anyPage(name -> wrongPassword.toCharArray())));

    final RpaFailure failure = failed.failure();
    assertThat(failure.stepIndex()).isEqualTo(4);
    assertThat(failure.step()).isEqualTo("assert text of \".flash\" equals \"Welcome, admin\"");
    assertThat(failure.reason())
        .isEqualTo(
            "text of \".flash\" is \"Invalid username or password\","
                + " expected it to equal \"Welcome, admin\"");
    assertThat(failed).hasMessageContaining("steps[4]").hasMessageContaining(failure.reason());
    assertThat(failure.screenshot()).isNotEmptyFile();
    assertThat(failure.trace()).isNotEmptyFile();

    final String everythingSaid =
        stackTrace(failed)
            + failure
            + log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(everythingSaid).doesNotContain(wrongPassword).doesNotContain("Wr0ng");
    assertThat(traceText(failure.trace()))
        .as("trace with the filled value and posted form masked")
        .contains("Invalid username or password")
        .contains("***")
        .doesNotContain("Wr0ng")
        .doesNotContain(URLEncoder.encode(wrongPassword, StandardCharsets.UTF_8));
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.endsWith("steps[1] fill \"#username\" with ***"))
        .anyMatch(
            line -> line.endsWith("steps[2] fill \"#password\" with secret \"console-admin\""));
  }

  @Test
  void aSecretTheResolverHandedOutIsWipedAfterTheRun() {
    final char[] handedOut = LegacyAdminConsole.PASSWORD.toCharArray();
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/login"},
              {"action": "fill", "selector": "#password", "secret": "console-admin"}
            ]}
            """);

    runner.run(script, Map.of("baseUrl", console.baseUrl()), RpaScripts.anyPage(name -> handedOut));

    assertThat(handedOut).containsOnly('\0');
  }

  @Test
  void extractedTextThatEchoesASecretComesBackMasked() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/mirror"},
              {"action": "fill", "selector": "#token", "secret": "api-token"},
              {"action": "extractText", "selector": "#echo", "variable": "echo"}
            ]}
            """);

    final RpaResult result =
        runner.run(
            script,
            Map.of("baseUrl", console.baseUrl()),
            RpaScripts.anyPage(name -> "tok-123-secret".toCharArray()));

    assertThat(result.variables()).containsEntry("echo", "***");
  }

  @Test
  void scrapesAllThreePagesOfTheDirectoryFollowingTheNextLink() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/directory"},
              {"action": "extractTable", "selector": "#people", "variable": "people",
               "nextPage": "#next", "maxPages": 5},
              {"action": "assert", "selector": "#position", "equals": "Page 3 of 3"}
            ]}
            """);

    final RpaResult result = runner.run(script, Map.of("baseUrl", console.baseUrl()), null);

    assertThat(result.variables().get("people"))
        .isEqualTo(LegacyAdminConsole.directoryRows(0, LegacyAdminConsole.PEOPLE.size()));
  }

  @Test
  void tableScrapingStopsAtMaxPages() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/directory"},
              {"action": "extractTable", "selector": "#people", "variable": "people",
               "nextPage": "#next", "maxPages": 2}
            ]}
            """);

    final RpaResult result = runner.run(script, Map.of("baseUrl", console.baseUrl()), null);

    assertThat(result.variables().get("people"))
        .isEqualTo(LegacyAdminConsole.directoryRows(0, 2 * LegacyAdminConsole.DIRECTORY_PAGE_SIZE));
  }

  @Test
  void extractingATableFromAnElementThatIsNoTableSaysWhatItIs() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/directory"},
              {"action": "extractTable", "selector": "#position", "variable": "rows"}
            ]}
            """);

    assertThatThrownBy(() -> runner.run(script, Map.of("baseUrl", console.baseUrl()), null))
        .isInstanceOfSatisfying(
            RpaStepException.class,
            e ->
                assertThat(e.failure().reason())
                    .isEqualTo("element \"#position\" is a <p>, not a <table>"));
  }

  @Test
  void aSelectorThatNeverAppearsTimesOutNamingTheSelectorAndStepWithScreenshotAndTrace()
      throws IOException {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/login"},
              {"action": "click", "selector": "#does-not-exist", "timeoutMs": 500}
            ]}
            """);

    final RpaStepException failed =
        catchThrowableOfType(
            RpaStepException.class,
            () -> runner.run(script, Map.of("baseUrl", console.baseUrl()), null));

    final RpaFailure failure = failed.failure();
    assertThat(failure.stepIndex()).isEqualTo(1);
    assertThat(failure.step()).isEqualTo("click \"#does-not-exist\"");
    assertThat(failure.reason())
        .isEqualTo("timed out after 500 ms waiting for selector \"#does-not-exist\"");
    assertThat(failure.screenshot()).isNotEmptyFile().hasExtension("png");
    assertThat(Files.readAllBytes(failure.screenshot())).startsWith(0x89, 'P', 'N', 'G');
    assertThat(failure.trace()).hasFileName("trace.zip");
    assertThat(zipEntryNames(failure.trace())).contains("trace.trace", "trace.network");
    assertThat(failure.screenshot().getParent()).isEqualTo(failure.trace().getParent());
    assertThat(failure.trace()).startsWith(artifacts);
  }

  @Test
  void cookiesOfOneRunAreNotSeenByTheNext() {
    final RpaScript signIn =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/login"},
              {"action": "fill", "selector": "#username", "value": "admin"},
              {"action": "fill", "selector": "#password", "secret": "console-admin"},
              {"action": "click", "selector": "#sign-in"},
              {"action": "goto", "url": "${baseUrl}/home"},
              {"action": "assert", "urlMatches": "${baseUrl}/home"}
            ]}
            """);
    final RpaScript openHome =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/home"},
              {"action": "assert", "urlMatches": ".*/home", "timeoutMs": 500}
            ]}
            """);
    final Map<String, Object> inputs = Map.of("baseUrl", console.baseUrl());
    runner.run(signIn, inputs, RpaScripts.secrets());

    assertThatThrownBy(() -> runner.run(openHome, inputs, null))
        .isInstanceOf(RpaStepException.class)
        .hasMessageContaining("page URL is \"" + console.baseUrl() + "/login\"");
  }

  @Test
  void waitForAndAssertWaitUntilLateContentArrives() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/delayed"},
              {"action": "assert", "selector": "#status", "equals": "Ready"},
              {"action": "waitFor", "text": "Report generated"},
              {"action": "waitFor", "selector": "#late", "state": "attached"},
              {"action": "screenshot", "name": "report"}
            ]}
            """);

    final RpaResult result = runner.run(script, Map.of("baseUrl", console.baseUrl()), null);

    assertThat(result.screenshots().get("report")).isNotEmptyFile().hasFileName("report.png");
  }

  @Test
  void aPageAnsweringAnHttpErrorFailsTheGotoStep() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [{"action": "goto", "url": "${baseUrl}/no-such-page"}]}
            """);

    assertThatThrownBy(() -> runner.run(script, Map.of("baseUrl", console.baseUrl()), null))
        .isInstanceOf(RpaStepException.class)
        .hasMessageContaining("steps[0]")
        .hasMessageContaining("/no-such-page\" answered HTTP 404");
  }

  @Test
  void aSecretIsTypedOnlyIntoAPageTheResolverAllows() {
    final int loginPosts = console.hits("/login");
    final List<URI> asked = new ArrayList<>();
    final SecretResolver consoleOnly =
        new SecretResolver() {
          @Override
          public char[] resolve(final String name) {
            return LegacyAdminConsole.PASSWORD.toCharArray();
          }

          @Override
          public void checkPage(final String name, final URI page) {
            asked.add(page);
            throw new IllegalStateException("secret '" + name + "' refused for " + page.getHost());
          }
        };
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/login"},
              {"action": "fill", "selector": "#password", "secret": "console-admin"},
              {"action": "click", "selector": "#sign-in"}
            ]}
            """);

    assertThatThrownBy(() -> runner.run(script, Map.of("baseUrl", console.baseUrl()), consoleOnly))
        .hasMessage(
            "secret 'console-admin' refused for " + URI.create(console.baseUrl()).getHost());
    assertThat(asked)
        .singleElement()
        .satisfies(page -> assertThat(page.toString()).startsWith(console.baseUrl() + "/login"));
    assertThat(console.hits("/login")).as("the form was never sent").isEqualTo(loginPosts + 1);
  }

  @Test
  void anUnknownSecretStopsTheRunBeforeAnythingIsTyped() {
    final int loginPosts = console.hits("/login");

    assertThatThrownBy(
            () ->
                runner.run(
                    RpaScripts.createUser(),
                    RpaScripts.createUserInputs(console.baseUrl(), "never"),
                    RpaScripts.anyPage(
                        name -> name.equals("console-admin") ? "x".toCharArray() : null)))
        .isInstanceOf(RpaScriptException.class)
        .hasMessage(
            "invalid RPA script: steps[9].secret: the secret resolver knows no secret"
                + " \"initial-password\"");
    assertThat(console.hits("/login")).isEqualTo(loginPosts);
  }

  @Test
  void aReferenceToAMissingInputStopsTheRunBeforeTheBrowserIsUsed() {
    final int logins = console.hits("/login");

    assertThatThrownBy(
            () ->
                runner.run(
                    RpaScripts.createUser(),
                    Map.of("baseUrl", console.baseUrl()),
                    RpaScripts.secrets()))
        .isInstanceOf(RpaScriptException.class)
        .hasMessage(
            "invalid RPA script: steps[1]: ${adminUser} is neither an input of this run nor"
                + " extracted by an earlier step");
    assertThat(console.hits("/login")).isEqualTo(logins);
  }

  private static String stackTrace(final Throwable e) {
    final StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private static String traceText(final Path trace) throws IOException {
    final StringBuilder text = new StringBuilder();
    try (InputStream in = Files.newInputStream(trace);
        ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        text.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  private static List<String> zipEntryNames(final Path zipFile) throws IOException {
    try (InputStream in = Files.newInputStream(zipFile);
        ZipInputStream zip = new ZipInputStream(in)) {
      final List<String> names = new java.util.ArrayList<>();
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        names.add(entry.getName());
      }
      return names;
    }
  }
}
