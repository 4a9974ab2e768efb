package io.flowdesk.engine.state;

/** The kinds of event subscription an element instance may own, each kept in its own table. */
public enum SubscriptionKind {
  TIMER("timer"),
  MESSAGE("message_subscription"),
  SIGNAL("signal_subscription");

  private final String table;

  SubscriptionKind(final String table) {
    this.table = table;
  }

  String table() {
    return table;
  }
}
