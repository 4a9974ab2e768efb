package io.flowdesk.engine.support;

/** Limits both gateways enforce alike. */
public final class EngineLimits {

  /**
   * Zeebe's default maximum message size: larger gRPC messages are refused with RESOURCE_EXHAUSTED,
   * larger REST bodies with 413.
   */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  private EngineLimits() {}
}
