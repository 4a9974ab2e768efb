package io.flowdesk.connectors.rpa;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.Tracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RpaScript}s on browsers of a {@link BrowserPool}: each run in a fresh browser context
 * on the calling thread, recorded as a Playwright trace that is kept (scrubbed of secrets) only
 * when a step fails. Thread-safe; as many runs proceed at once as the pool has browsers.
 */
public final class RpaRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RpaRunner.class);
  private static final long EVIDENCE_TIMEOUT_MILLIS = 5_000;

  private final BrowserPool pool;
  private final RpaRunSettings settings;

  public RpaRunner(final BrowserPool pool, final RpaRunSettings settings) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Runs {@code script}.
   *
   * @param inputs values for the script's {@code ${name}} references
   * @param secrets supplies the secrets named by fill steps; may be null for a script without any
   * @throws RpaScriptException before any browser work when a reference or secret is unknown
   * @throws BrowserUnavailableException when no browser could be had
   * @throws RpaStepException when a step failed; its failure points at a screenshot and a trace
   */
  public RpaResult run(
      final RpaScript script, final Map<String, ?> inputs, final SecretResolver secrets) {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(inputs, "inputs");
    final Set<String> provided =
        inputs.entrySet().stream()
            .filter(entry -> entry.getValue() != null)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    script.requireReferencesWithin(provided);
    try (RunSecrets runSecrets = RunSecrets.resolve(script, secrets);
        BrowserLease lease = pool.borrow()) {
      final BrowserContext context = lease.newContext();
      try {
        return run(script, inputs, runSecrets, context);
      } finally {
        closeQuietly(context);
      }
    }
  }

  private RpaResult run(
      final RpaScript script,
      final Map<String, ?> inputs,
      final RunSecrets secrets,
      final BrowserContext context) {
    final RunArtifacts artifacts = new RunArtifacts(settings.artifactsDirectory());
    final Page page;
    try {
      context
          .tracing()
          .start(
              new Tracing.StartOptions()
                  .setName(artifacts.runId())
                  .setScreenshots(true)
                  .setSnapshots(true));
      page = context.newPage();
    } catch (PlaywrightException e) {
      throw new BrowserUnavailableException(
          "the browser failed before the first step: " + PlaywrightMessages.firstLine(e), e);
    }
    final StepExecutor executor = new StepExecutor(page, inputs, secrets, artifacts);
    final List<RpaStepResult> results = new ArrayList<>();
    LOG.info("RPA run {}: {} steps", artifacts.runId(), script.steps().size());
    for (int index = 0; index < script.steps().size(); index++) {
      final RpaStep step = script.steps().get(index);
      final Duration timeout =
          step.timeout() != null ? step.timeout() : settings.defaultStepTimeout();
      LOG.debug("RPA run {}: steps[{}] {}", artifacts.runId(), index, step.describe());
      final long started = System.nanoTime();
      try {
        executor.execute(step, timeout);
      } catch (PlaywrightException | StepFailedException | UncheckedIOException e) {
        final String reason = secrets.mask(reason(e, executor, timeout));
        final RpaFailure failure =
            new RpaFailure(
                index,
                step.describe(),
                reason,
                failureScreenshot(executor, index),
                trace(context, artifacts, secrets));
        LOG.warn("RPA run {}: {}", artifacts.runId(), failure.summary());
        throw new RpaStepException(failure);
      }
      results.add(
          new RpaStepResult(index, step.describe(), Duration.ofNanos(System.nanoTime() - started)));
    }
    discardTrace(context);
    LOG.info("RPA run {}: done", artifacts.runId());
    return new RpaResult(executor.extracted(), executor.screenshots(), results);
  }

  private static String reason(
      final RuntimeException e, final StepExecutor executor, final Duration timeout) {
    if (e instanceof TimeoutError) {
      return "timed out after " + timeout.toMillis() + " ms waiting for " + executor.waitingFor();
    }
    if (e instanceof StepFailedException) {
      return e.getMessage();
    }
    return PlaywrightMessages.firstLine(e) + " (at " + executor.waitingFor() + ")";
  }

  private static Path failureScreenshot(final StepExecutor executor, final int index) {
    try {
      return executor.screenshot("failure-steps-" + index + ".png", EVIDENCE_TIMEOUT_MILLIS);
    } catch (PlaywrightException | UncheckedIOException e) {
      LOG.warn("no failure screenshot: {}", PlaywrightMessages.firstLine(e));
      return null;
    }
  }

  private static Path trace(
      final BrowserContext context, final RunArtifacts artifacts, final RunSecrets secrets) {
    try {
      final Path trace = artifacts.file("trace.zip");
      context.tracing().stop(new Tracing.StopOptions().setPath(trace));
      TraceScrubber.scrub(trace, secrets);
      return trace;
    } catch (PlaywrightException | UncheckedIOException e) {
      LOG.warn("no failure trace: {}", PlaywrightMessages.firstLine(e));
      return null;
    } catch (IOException e) {
      LOG.warn("failure trace could not be scrubbed and was deleted: {}", e.toString());
      return null;
    }
  }

  private static void discardTrace(final BrowserContext context) {
    try {
      context.tracing().stop();
    } catch (PlaywrightException e) {
      // Every step succeeded; a trace nobody will read is no reason to fail the run.
      LOG.debug("discarding the trace failed: {}", PlaywrightMessages.firstLine(e));
    }
  }

  private static void closeQuietly(final BrowserContext context) {
    try {
      context.close();
    } catch (PlaywrightException e) {
      LOG.debug("closing a context of a failed browser: {}", PlaywrightMessages.firstLine(e));
    }
  }
}
