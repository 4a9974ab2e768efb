package io.flowdesk.engine.support;

/**
 * A command the engine refuses, with the reason a client needs to fix it. The gateway maps the type
 * onto the gRPC status Zeebe's gateway uses for it.
 */
public final class Rejection extends RuntimeException {

  /** Why a command was refused. */
  public enum Type {
    INVALID_ARGUMENT,
    NOT_FOUND,
    INVALID_STATE,
    ALREADY_EXISTS,
    TIMEOUT,
    PROCESSING_ERROR,
    /** The engine cannot take the command now (it is shutting down); the client may retry. */
    UNAVAILABLE
  }

  private final Type type;

  public Rejection(final Type type, final String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public static Rejection notFound(final String message) {
    return new Rejection(Type.NOT_FOUND, message);
  }

  public static Rejection invalidArgument(final String message) {
    return new Rejection(Type.INVALID_ARGUMENT, message);
  }

  public static Rejection invalidState(final String message) {
    return new Rejection(Type.INVALID_STATE, message);
  }

  public static Rejection unavailable(final String message) {
    return new Rejection(Type.UNAVAILABLE, message);
  }

  public Type type() {
    return type;
  }
}
