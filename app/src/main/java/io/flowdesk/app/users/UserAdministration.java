package io.flowdesk.app.users;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.users.PasswordLinks.Purpose;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.InvalidEntryException;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to people: create (with a set-password link by mail), edit, grant and
 * revoke roles, disable (ending their sessions at once), enable, send a password reset link. Each
 * change publishes an {@link AdminAction} in its transaction; a change either happens whole, mail
 * included, or not at all. The last enabled administrator can neither lose the ADMIN role nor be
 * disabled ({@link LastAdministratorException}): nobody could administer Flowdesk after it.
 */
@Service
public class UserAdministration {

  private final Directory directory;
  private final PasswordLinks links;
  private final PasswordLinkMail mail;
  private final SessionTermination sessions;
  private final ApplicationEventPublisher events;

  UserAdministration(
      final Directory directory,
      final PasswordLinks links,
      final PasswordLinkMail mail,
      final SessionTermination sessions,
      final ApplicationEventPublisher events) {
    this.directory = directory;
    this.links = links;
    this.mail = mail;
    this.sessions = sessions;
    this.events = events;
  }

  /**
   * A person created, and the link that was not mailed because no mail server exists (to be handed
   * over by the admin); empty when it was mailed.
   */
  public record Outcome(Person person, Optional<String> unmailedLink) {}

  /** A person as the admin pages and the API show them. */
  public record User(Person person, String phone, String manager) {}

  public User user(final String username) {
    final Person person =
        directory
            .person(username)
            .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'."));
    return new User(
        person, directory.phone(username).orElse(""), directory.manager(username).orElse(""));
  }

  /**
   * Creates a person who cannot sign in until they chose a password through the mailed link.
   *
   * @throws InvalidEntryException naming the field, e.g. a username already taken
   * @throws MailNotSentException when the link could not be mailed (nothing is created)
   */
  @Transactional
  public Outcome create(final String actor, final UserForm form) {
    final String username = form.username() == null ? null : form.username().strip();
    directory.addPerson(username, form.displayName(), form.email(), form.roles(), null);
    final Person person =
        directory.updateContact(username, form.displayName(), form.email(), form.phone());
    directory.setGroups(username, form.groups());
    setManager(username, form.manager());
    final Map<String, Object> after = snapshot(username);
    events.publishEvent(new AdminAction(actor, "user.created", target(username), Map.of(), after));
    return new Outcome(person(username), sendLink(person(username), Purpose.SET));
  }

  /**
   * Changes a person's display name, email, phone, roles and groups; role changes publish {@code
   * role.granted} / {@code role.revoked}, the rest {@code user.updated} with the changed fields.
   */
  @Transactional
  public User update(final String actor, final String username, final UserForm form) {
    directory.lockAdministrators();
    final User existing = user(username);
    if (!form.roles().contains(Role.ADMIN) && isLastAdministrator(existing.person())) {
      throw new LastAdministratorException(
          "roles",
          "'"
              + username
              + "' is the last enabled administrator and keeps the ADMIN role: make someone else"
              + " an administrator first.");
    }
    final Map<String, Object> before = snapshot(username);
    directory.updateContact(username, form.displayName(), form.email(), form.phone());
    directory.setRoles(username, form.roles());
    directory.setGroups(username, form.groups());
    setManager(username, form.manager());
    final Map<String, Object> after = snapshot(username);
    final Map<String, Object> changedBefore = new LinkedHashMap<>();
    final Map<String, Object> changedAfter = new LinkedHashMap<>();
    for (final String field : List.of("displayName", "email", "phone", "groups", "manager")) {
      if (!Objects.equals(before.get(field), after.get(field))) {
        changedBefore.put(field, before.get(field));
        changedAfter.put(field, after.get(field));
      }
    }
    if (!changedAfter.isEmpty()) {
      events.publishEvent(
          new AdminAction(actor, "user.updated", target(username), changedBefore, changedAfter));
    }
    final Set<Role> had = existing.person().roles();
    for (final Role role : Role.values()) {
      if (!had.contains(role) && form.roles().contains(role)) {
        events.publishEvent(
            new AdminAction(
                actor, "role.granted", target(username), Map.of(), Map.of("role", role.name())));
      } else if (had.contains(role) && !form.roles().contains(role)) {
        events.publishEvent(
            new AdminAction(
                actor, "role.revoked", target(username), Map.of("role", role.name()), Map.of()));
      }
    }
    return user(username);
  }

  /**
   * Disables a person: they cannot sign in, their sessions end at once, their API tokens and Basic
   * credentials stop working, their unused password links too. Nobody disables themselves.
   */
  @Transactional
  public User disable(final String actor, final String username) {
    directory.lockAdministrators();
    final User existing = user(username);
    if (username.equals(actor)) {
      throw new InvalidEntryException(
          "enabled", "You cannot disable your own account; another administrator can.");
    }
    if (isLastAdministrator(existing.person())) {
      throw new LastAdministratorException(
          "enabled",
          "'"
              + username
              + "' is the last enabled administrator and stays enabled: make someone else an"
              + " administrator first.");
    }
    if (existing.person().enabled()) {
      directory.setEnabled(username, false);
      links.supersedeAll(username);
      events.publishEvent(
          new AdminAction(
              actor,
              "user.disabled",
              target(username),
              Map.of("enabled", true),
              Map.of("enabled", false)));
    }
    // Also when already disabled: a session left over from before is ended all the same.
    sessions.endAll(username);
    return user(username);
  }

  @Transactional
  public User enable(final String actor, final String username) {
    final User existing = user(username);
    if (!existing.person().enabled()) {
      directory.setEnabled(username, true);
      events.publishEvent(
          new AdminAction(
              actor,
              "user.enabled",
              target(username),
              Map.of("enabled", false),
              Map.of("enabled", true)));
    }
    return user(username);
  }

  /**
   * Sends the person a new password link (their earlier links stop working); their password stays
   * until they use it. Answers the link when no mail server exists to send it.
   */
  @Transactional
  public Optional<String> sendPasswordReset(final String actor, final String username) {
    final User existing = user(username);
    if (!existing.person().enabled()) {
      throw new InvalidEntryException(
          "enabled", "User '" + username + "' is disabled: enable the account first.");
    }
    events.publishEvent(
        new AdminAction(actor, "user.password-reset-sent", target(username), Map.of(), Map.of()));
    return sendLink(existing.person(), Purpose.RESET);
  }

  private Optional<String> sendLink(final Person person, final Purpose purpose) {
    final String token = links.issue(person.username(), purpose);
    if (!mail.canSend()) {
      return Optional.of(mail.link(token));
    }
    mail.send(person, token, purpose, links.validity());
    return Optional.empty();
  }

  private boolean isLastAdministrator(final Person person) {
    return person.enabled()
        && person.roles().contains(Role.ADMIN)
        && directory.people().stream()
            .noneMatch(
                other ->
                    other.enabled()
                        && other.roles().contains(Role.ADMIN)
                        && !other.username().equals(person.username()));
  }

  // The manager is someone known (approvals ask them), never the person themselves.
  private void setManager(final String username, final String manager) {
    if (manager.isEmpty()) {
      directory.setManager(username, null);
      return;
    }
    if (directory.person(manager).isEmpty()) {
      throw new InvalidEntryException("manager", "There is no person '" + manager + "'.");
    }
    if (manager.equals(username)) {
      throw new InvalidEntryException("manager", "Nobody can be their own manager.");
    }
    directory.setManager(username, manager);
  }

  private Person person(final String username) {
    return user(username).person();
  }

  // What the audit trail shows of a person: never a password or hash.
  private Map<String, Object> snapshot(final String username) {
    final User user = user(username);
    final Person person = user.person();
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("displayName", person.displayName());
    fields.put("email", person.email());
    fields.put("phone", user.phone());
    fields.put("manager", user.manager());
    fields.put("roles", person.roles().stream().sorted().map(Role::name).toList());
    fields.put("groups", List.copyOf(person.groups()));
    fields.put("enabled", person.enabled());
    return fields;
  }

  private static String target(final String username) {
    return "user:" + username;
  }
}
