package io.flowdesk.workers;

import io.flowdesk.engine.support.EngineClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The test engine's clock as a {@link Clock}, so workers' SLA targets move with its timers. */
public final class EngineTime extends Clock {

  private final EngineClock engine;

  public EngineTime(final EngineClock engine) {
    this.engine = engine;
  }

  @Override
  public Instant instant() {
    return engine.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    throw new UnsupportedOperationException("the engine's time is UTC");
  }
}
