package io.flowdesk.domain.directory;

import java.util.Optional;
import java.util.Set;

/**
 * The one place that answers how a notification of a {@link NotificationKind} reaches a person: the
 * channels of their {@link NotificationPreferences} (email on, SMS and chat off until chosen) that
 * they also have an address for. Every sender of notifications to people asks here; security mails
 * (password links) are not notifications and always go to the person's email.
 *
 * <p>Chat reaches a person by their chat handle: the notice is posted to the one notifications
 * channel, mentioning them.
 */
public class Recipients {

  private final Directory directory;
  private final NotificationPreferences preferences;

  public Recipients(final Directory directory, final NotificationPreferences preferences) {
    this.directory = directory;
    this.preferences = preferences;
  }

  /** How {@code kind} reaches {@code username}; disabled and unknown people are reached nowhere. */
  public Reach reach(final String username, final NotificationKind kind) {
    final Optional<Person> found = directory.person(username).filter(Person::enabled);
    if (found.isEmpty()) {
      return Reach.nobody(username);
    }
    final Person person = found.get();
    final Set<NotificationChannel> wanted = preferences.of(username).get(kind);
    return new Reach(
        username,
        person.displayName(),
        Optional.ofNullable(person.email())
            .filter(email -> !email.isBlank() && wanted.contains(NotificationChannel.EMAIL)),
        wanted.contains(NotificationChannel.SMS)
            ? directory.phone(username).filter(phone -> !phone.isBlank())
            : Optional.empty(),
        wanted.contains(NotificationChannel.CHAT)
            ? directory.chatHandle(username).filter(handle -> !handle.isBlank())
            : Optional.empty());
  }
}
