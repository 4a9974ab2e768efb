package io.flowdesk.connectors.rpa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link BrowserPool}.
 *
 * @param chromium the Chromium executable to drive (Debian's package installs {@code
 *     /usr/bin/chromium}); Playwright never downloads a browser of its own
 * @param maxSize most browsers alive at once, each with its own Playwright driver
 * @param borrowTimeout how long a run waits for a free browser before giving up
 */
public record BrowserPoolConfig(Path chromium, int maxSize, Duration borrowTimeout) {

  /** Debian's Chromium. */
  public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

  public BrowserPoolConfig {
    Objects.requireNonNull(chromium, "chromium");
    Objects.requireNonNull(borrowTimeout, "borrowTimeout");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1, was " + maxSize);
    }
    if (borrowTimeout.isNegative()) {
      throw new IllegalArgumentException("borrowTimeout must not be negative: " + borrowTimeout);
    }
  }

  /** Debian's Chromium, {@code maxSize} browsers, 30 seconds to wait for one. */
  public static BrowserPoolConfig of(final int maxSize) {
    return new BrowserPoolConfig(DEBIAN_CHROMIUM, maxSize, Duration.ofSeconds(30));
  }

  public BrowserPoolConfig withChromium(final Path executable) {
    return new BrowserPoolConfig(executable, maxSize, borrowTimeout);
  }

  public BrowserPoolConfig withBorrowTimeout(final Duration timeout) {
    return new BrowserPoolConfig(chromium, maxSize, timeout);
  }
}
