package io.flowdesk.app.security.sso;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an identity a provider vouched for into a Flowdesk person: the one linked to it (table
 * {@code flowdesk.external_identity}), brought up to date with the provider's name, email, roles
 * and groups, or a new person created just in time and linked. A person is never found by username
 * alone: a local account named like the provider's user stays untouched, and the newcomer gets a
 * free username next to it ({@code jdoe-2}). Changes are published as {@link AdminAction}s by
 * {@value #ACTOR}, in the same transaction.
 */
public class ExternalPeople {

  static final String ACTOR = "system";

  private static final Logger LOG = LoggerFactory.getLogger(ExternalPeople.class);
  private static final int MAX_USERNAME = 64;

  private final Directory directory;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public ExternalPeople(
      final Directory directory,
      final JdbcClient jdbc,
      final PlatformTransactionManager transactions,
      final ApplicationEventPublisher events,
      final Clock clock) {
    this.directory = directory;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.events = events;
    this.clock = clock;
  }

  /**
   * The person behind {@code identity}, created or updated from it.
   *
   * @throws SignInRefusedException the person is disabled in Flowdesk, or the provider sent too
   *     little to create them
   */
  public Person signIn(final ExternalIdentity identity, final SsoMapping mapping) {
    final String email = require(identity.email(), "an email address");
    final String displayName =
        identity.displayName() == null || identity.displayName().isBlank()
            ? identity.username()
            : identity.displayName();
    return tx.execute(
        status -> {
          final Optional<String> linked = linkedUsername(identity);
          final Person person =
              linked.isPresent()
                  ? update(directory.person(linked.get()).orElseThrow(), identity, mapping)
                  : create(identity, displayName, email, mapping);
          if (linked.isPresent()) {
            jdbc.sql(
                    "UPDATE flowdesk.external_identity SET last_signed_in = :now"
                        + " WHERE issuer = :issuer AND subject = :subject")
                .param("now", Timestamp.from(clock.instant()))
                .param("issuer", identity.issuer())
                .param("subject", identity.subject())
                .update();
          }
          return person;
        });
  }

  private Optional<String> linkedUsername(final ExternalIdentity identity) {
    return jdbc.sql(
            "SELECT username FROM flowdesk.external_identity"
                + " WHERE issuer = :issuer AND subject = :subject")
        .param("issuer", identity.issuer())
        .param("subject", identity.subject())
        .query(String.class)
        .optional();
  }

  private Person create(
      final ExternalIdentity identity,
      final String displayName,
      final String email,
      final SsoMapping mapping) {
    final String username = freeUsername(require(identity.username(), "a username"));
    final Set<Role> roles = mapping.roles(identity.memberships());
    if (roles.isEmpty()) {
      roles.addAll(mapping.defaultRoles());
    }
    try {
      directory.addPerson(username, displayName, email, roles, null);
    } catch (IllegalArgumentException invalid) {
      throw new SignInRefusedException(
          "Your account could not be created in Flowdesk: " + invalid.getMessage() + ".");
    }
    final Set<String> groups = new TreeSet<>();
    for (final String group : mapping.groups(identity.memberships())) {
      if (join(group, username)) {
        groups.add(group);
      }
    }
    final Instant now = clock.instant();
    jdbc.sql(
            "INSERT INTO flowdesk.external_identity"
                + " (issuer, subject, username, linked_at, last_signed_in)"
                + " VALUES (:issuer, :subject, :username, :now, :now)")
        .param("issuer", identity.issuer())
        .param("subject", identity.subject())
        .param("username", username)
        .param("now", Timestamp.from(now))
        .update();
    final Map<String, Object> after = new LinkedHashMap<>();
    after.put("displayName", displayName);
    after.put("email", email);
    after.put("roles", new TreeSet<>(roles.stream().map(Role::name).toList()));
    after.put("groups", groups);
    after.put("signedInWith", identity.issuer());
    events.publishEvent(
        new AdminAction(ACTOR, "user.created", "user:" + username, Map.of(), after));
    LOG.info("Created {} at the first sign-in through {}", username, identity.issuer());
    return directory.person(username).orElseThrow();
  }

  private Person update(
      final Person person, final ExternalIdentity identity, final SsoMapping mapping) {
    if (!person.enabled()) {
      throw new SignInRefusedException(
          "Your Flowdesk account is disabled. Please ask a Flowdesk administrator.");
    }
    final Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(person.roles());
    roles.removeAll(mapping.managedRoles());
    roles.addAll(mapping.roles(identity.memberships()));
    if (roles.isEmpty()) {
      roles.addAll(mapping.defaultRoles());
    }
    final String displayName =
        identity.displayName() == null || identity.displayName().isBlank()
            ? person.displayName()
            : identity.displayName();
    final String email = identity.email();
    final Map<String, Object> before = new LinkedHashMap<>();
    final Map<String, Object> after = new LinkedHashMap<>();
    changed("displayName", person.displayName(), displayName, before, after);
    changed("email", person.email(), email, before, after);
    changed("roles", names(person.roles()), names(roles), before, after);
    if (!after.isEmpty()) {
      try {
        directory.updatePerson(person.username(), displayName, email, roles);
      } catch (IllegalArgumentException invalid) {
        throw new SignInRefusedException(
            "Your account could not be updated in Flowdesk: " + invalid.getMessage() + ".");
      }
    }
    final Set<String> wanted = mapping.groups(identity.memberships());
    final Set<String> groups = new TreeSet<>(person.groups());
    for (final String group : mapping.managedGroups()) {
      if (wanted.contains(group) && !groups.contains(group)) {
        if (join(group, person.username())) {
          groups.add(group);
        }
      } else if (!wanted.contains(group) && groups.contains(group)) {
        directory.removeMember(group, person.username());
        groups.remove(group);
      }
    }
    changed("groups", person.groups(), groups, before, after);
    if (!after.isEmpty()) {
      events.publishEvent(
          new AdminAction(ACTOR, "user.updated", "user:" + person.username(), before, after));
    }
    return directory.person(person.username()).orElseThrow();
  }

  /** Adds the member when the group exists; a mapping naming a missing group is only logged. */
  private boolean join(final String group, final String username) {
    if (directory.group(group).isEmpty()) {
      LOG.warn("Single sign-on maps to assignment group '{}', which does not exist", group);
      return false;
    }
    directory.addMember(group, username);
    return true;
  }

  /**
   * {@code suggested} as a Flowdesk username (lower case; other characters than [a-z0-9._-] become
   * '-'), with a number added when it is taken.
   */
  private String freeUsername(final String suggested) {
    String base = suggested.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    base = base.substring(0, Math.min(base.length(), MAX_USERNAME - 4));
    String candidate = base;
    for (int n = 2; directory.person(candidate).isPresent(); n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }

  private static Set<String> names(final Set<Role> roles) {
    return new TreeSet<>(roles.stream().map(Role::name).toList());
  }

  private static void changed(
      final String field,
      final Object was,
      final Object is,
      final Map<String, Object> before,
      final Map<String, Object> after) {
    if (!was.equals(is)) {
      before.put(field, was);
      after.put(field, is);
    }
  }

  private static String require(final String value, final String what) {
    if (value == null || value.isBlank()) {
      throw new SignInRefusedException(
          "Your sign-in provider did not send "
              + what
              + ", which Flowdesk needs. Please ask a Flowdesk administrator.");
    }
    return value;
  }
}
