package io.flowdesk.engine.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The engine's notion of now. Production uses the system clock; tests pin and advance it so that
 * job deadlines and back-offs pass without sleeping.
 */
public final class EngineClock {

  private volatile Duration offset = Duration.ZERO;
  private volatile Instant pinned;
  private final Clock system = Clock.system(ZoneOffset.UTC);

  public Instant now() {
    final Instant fixed = pinned;
    return fixed != null ? fixed : system.instant().plus(offset);
  }

  public long millis() {
    return now().toEpochMilli();
  }

  /** Moves time forward for everything the engine schedules (job timeouts, back-offs). */
  public void advance(final Duration duration) {
    if (pinned != null) {
      pinned = pinned.plus(duration);
    } else {
      offset = offset.plus(duration);
    }
  }

  public void pin(final Instant instant) {
    pinned = instant;
  }

  public void reset() {
    pinned = null;
    offset = Duration.ZERO;
  }
}
