package io.flowdesk.engine.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The engine's notion of now. Production uses the system clock; tests advance it so that job
 * deadlines and back-offs pass without sleeping.
 */
public final class EngineClock {

  private volatile Duration offset = Duration.ZERO;
  private final Clock system = Clock.system(ZoneOffset.UTC);

  public Instant now() {
    return system.instant().plus(offset);
  }

  /** Moves time forward for everything the engine schedules (job timeouts, back-offs). */
  public void advance(final Duration duration) {
    offset = offset.plus(duration);
  }

  public void reset() {
    offset = Duration.ZERO;
  }
}
