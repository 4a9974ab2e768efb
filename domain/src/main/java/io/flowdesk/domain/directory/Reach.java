package io.flowdesk.domain.directory;

import java.util.Optional;

/**
 * Where one notification reaches a person: the channels they want for its kind that also have an
 * address. Empty when they want none, have no address for the ones they want, or are disabled.
 */
public record Reach(
    String username,
    String displayName,
    Optional<String> email,
    Optional<String> phone,
    Optional<String> chatHandle) {

  static Reach nobody(final String username) {
    return new Reach(username, username, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether no channel reaches the person. */
  public boolean nowhere() {
    return email.isEmpty() && phone.isEmpty() && chatHandle.isEmpty();
  }
}
