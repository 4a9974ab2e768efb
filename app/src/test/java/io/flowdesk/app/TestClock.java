package io.flowdesk.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The app's {@link Clock} bean in {@link WebTestSupport}'s context: the real time unless a test
 * stops it ({@link #stop()}) or moves it on ({@link #advance}); {@link #reset()} brings it back to
 * the real time, so a test that moves it must reset it when done.
 */
public final class TestClock extends Clock {

  private volatile Instant stoppedAt;
  private volatile Duration offset = Duration.ZERO;

  /** Freezes the clock at the current instant. */
  public void stop() {
    stoppedAt = instant();
  }

  public void advance(final Duration duration) {
    if (stoppedAt != null) {
      stoppedAt = stoppedAt.plus(duration);
    } else {
      offset = offset.plus(duration);
    }
  }

  public void reset() {
    stoppedAt = null;
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    final Instant stopped = stoppedAt;
    return stopped != null ? stopped : Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    return this;
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class InContext {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }
}
