package io.flowdesk.connectors.rpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool's promises about real Chromium processes: bounded, replaced when dead, isolated per run
 * and all gone after close.
 */
class BrowserPoolTest {

  @TempDir static Path artifacts;

  private static LegacyAdminConsole console;

  private static final RpaScript SIGN_IN_PAGE =
      RpaScript.parse(
          """
          {"steps": [
            {"action": "goto", "url": "${baseUrl}/login"},
            {"action": "assert", "selector": "h1", "equals": "Sign in"}
          ]}
          """);

  @BeforeAll
  static void startConsole() {
    console = LegacyAdminConsole.start();
  }

  @AfterAll
  static void stopConsole() {
    console.close();
  }

  @Test
  void closingThePoolLeavesNoChromiumOrDriverProcessBehind() {
    // Other tests' pools in this JVM may still be winding down: count only this pool's processes.
    final List<Long> before = chromiumAndDrivers().stream().map(ProcessHandle::pid).toList();
    final List<ProcessHandle> started;
    try (BrowserPool pool = new BrowserPool(BrowserPoolConfig.of(2))) {
      final RpaRunner runner = runner(pool);
      pool.warmUp();
      runner.run(SIGN_IN_PAGE, inputs(), null);
      assertThatThrownBy(() -> runner.run(neverAppears(300), inputs(), null))
          .isInstanceOf(RpaStepException.class);
      started = chromiumAndDrivers().stream().filter(p -> !before.contains(p.pid())).toList();
      assertThat(started.stream().filter(BrowserPoolTest::isChromium))
          .as("Chromium processes of the warm pool")
          .hasSizeGreaterThanOrEqualTo(2);
      // At least one Playwright driver per browser; the driver may run helper node processes too.
      assertThat(started.stream().filter(p -> !isChromium(p)))
          .as("Playwright drivers of the warm pool")
          .hasSizeGreaterThanOrEqualTo(2);
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(started)
                    .as("processes alive after close")
                    .noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void aRunWaitsForABusyBrowserOnlyAsLongAsTheBorrowTimeout() {
    try (BrowserPool pool =
        new BrowserPool(BrowserPoolConfig.of(1).withBorrowTimeout(Duration.ofMillis(200)))) {
      final RpaRunner runner = runner(pool);
      final int before = console.hits("/delayed");
      final CompletableFuture<Void> busy =
          CompletableFuture.runAsync(
              () -> {
                try {
                  runner.run(
                      RpaScript.parse(
                          """
                          {"steps": [
                            {"action": "goto", "url": "${baseUrl}/delayed"},
                            {"action": "waitFor", "selector": "#never", "timeoutMs": 2000}
                          ]}
                          """),
                      inputs(),
                      null);
                } catch (RpaStepException expected) {
                  // The run only exists to hold the one browser.
                }
              });
      await().atMost(Duration.ofSeconds(20)).until(() -> console.hits("/delayed") > before);

      assertThatThrownBy(() -> runner.run(SIGN_IN_PAGE, inputs(), null))
          .isInstanceOf(BrowserUnavailableException.class)
          .hasMessage("all 1 pooled browsers stayed busy for 200 ms");

      busy.join();
      assertThat(runner.run(SIGN_IN_PAGE, inputs(), null).steps()).hasSize(2);
    }
  }

  @Test
  void aBrowserThatDiedIsReplacedAndTheNextRunSucceeds() {
    try (BrowserPool pool = new BrowserPool(BrowserPoolConfig.of(1))) {
      final RpaRunner runner = runner(pool);
      pool.warmUp();
      final List<ProcessHandle> first =
          chromiumAndDrivers().stream().filter(BrowserPoolTest::isChromium).toList();
      assertThat(first).isNotEmpty();

      first.forEach(ProcessHandle::destroyForcibly);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> first.stream().noneMatch(ProcessHandle::isAlive));

      assertThat(runner.run(SIGN_IN_PAGE, inputs(), null).steps()).hasSize(2);
      assertThat(chromiumAndDrivers().stream().filter(BrowserPoolTest::isChromium))
          .isNotEmpty()
          .doesNotContainAnyElementsOf(first);
    }
  }

  @Test
  void aMissingChromiumExecutableIsNamedInTheError() {
    final Path missing = Path.of("/opt/no-such-dir/chromium");

    assertThatThrownBy(() -> new BrowserPool(BrowserPoolConfig.of(1).withChromium(missing)))
        .isInstanceOf(BrowserUnavailableException.class)
        .hasMessageContaining("Chromium executable /opt/no-such-dir/chromium does not exist");
  }

  @Test
  void aClosedPoolRefusesRuns() {
    final BrowserPool pool = new BrowserPool(BrowserPoolConfig.of(1));
    pool.close();

    assertThatThrownBy(() -> runner(pool).run(SIGN_IN_PAGE, inputs(), null))
        .isInstanceOf(BrowserUnavailableException.class)
        .hasMessage("the browser pool is closed");
  }

  private static RpaRunner runner(final BrowserPool pool) {
    return new RpaRunner(pool, RpaRunSettings.of(artifacts));
  }

  private static Map<String, Object> inputs() {
    return Map.of("baseUrl", console.baseUrl());
  }

  private static RpaScript neverAppears(final int timeoutMillis) {
    return RpaScript.parse(
        """
        {"steps": [
          {"action": "goto", "url": "${baseUrl}/login"},
          {"action": "click", "selector": "#never", "timeoutMs": %d}
        ]}
        """
            .formatted(timeoutMillis));
  }

  /** This JVM's Chromium processes (zygotes included) and Playwright node drivers. */
  private static List<ProcessHandle> chromiumAndDrivers() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> isChromium(p) || command(p).map(c -> c.endsWith("/node")).orElse(false))
        .toList();
  }

  private static boolean isChromium(final ProcessHandle process) {
    return command(process).map(c -> c.contains("chromium")).orElse(false);
  }

  private static Optional<String> command(final ProcessHandle process) {
    return process.info().command();
  }
}
