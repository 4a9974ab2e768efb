package io.flowdesk.domain.directory;

/** How a notification reaches a person. */
public enum NotificationChannel {
  EMAIL("Email", true),
  SMS("SMS", false),
  CHAT("Chat", false);

  private final String label;
  private final boolean onByDefault;

  NotificationChannel(final String label, final boolean onByDefault) {
    this.label = label;
    this.onByDefault = onByDefault;
  }

  public String label() {
    return label;
  }

  /** Whether someone who never chose gets notifications this way: email yes, the others no. */
  public boolean onByDefault() {
    return onByDefault;
  }
}
