package io.flowdesk.connectors.rpa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RpaRunner}.
 *
 * @param artifactsDirectory where each run gets a directory for its screenshots and, on failure,
 *     its failure screenshot and trace; nothing is written here for a run without screenshot steps
 *     that succeeds
 * @param defaultStepTimeout how long a step may wait for its element, navigation or condition when
 *     it sets no {@code timeoutMs} of its own
 */
public record RpaRunSettings(Path artifactsDirectory, Duration defaultStepTimeout) {

  public RpaRunSettings {
    Objects.requireNonNull(artifactsDirectory, "artifactsDirectory");
    Objects.requireNonNull(defaultStepTimeout, "defaultStepTimeout");
    if (defaultStepTimeout.isZero() || defaultStepTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "defaultStepTimeout must be positive: " + defaultStepTimeout);
    }
  }

  /** Artifacts under {@code artifactsDirectory}, 10 seconds per step. */
  public static RpaRunSettings of(final Path artifactsDirectory) {
    return new RpaRunSettings(artifactsDirectory, Duration.ofSeconds(10));
  }

  public RpaRunSettings withDefaultStepTimeout(final Duration timeout) {
    return new RpaRunSettings(artifactsDirectory, timeout);
  }
}
