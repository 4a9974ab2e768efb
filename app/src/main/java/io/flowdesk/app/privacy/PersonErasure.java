package io.flowdesk.app.privacy;

import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.audit.AdminAuditTrail;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.security.LoginThrottle;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Erases a person (GDPR, right to erasure) without breaking the records they appear in: their name
 * and email become a random pseudonym, their phone and manager go, they are disabled and lose their
 * password, second factor (key, recovery codes, remembered devices), single sign-on links, password
 * links, notification preferences, group memberships, sessions, API tokens, sign-in counts and
 * one-time keys; their name and email are scrubbed from the incidents' and requests' text and
 * journals; the admin audit trail keeps every action but names them by the pseudonym. Records keep
 * their numbers, states, times and the username that links them. All in one transaction with its
 * own audit entry ({@code person.erased}).
 */
@Component
class PersonErasure {

  static final String ACTION = "person.erased";
  // Reserved by RFC 2606: an erased person's address can never reach anybody.
  private static final String ERASED_DOMAIN = "@erased.invalid";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Directory directory;
  private final PersonalTokens tokens;
  private final PersonalRecords records;
  private final AdminAuditTrail trail;
  private final LoginThrottle throttle;
  private final IdempotencyKeys onceKeys;
  private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
  private final ApplicationEventPublisher events;
  private final SecondFactors secondFactors;

  PersonErasure(
      final Directory directory,
      final PersonalTokens tokens,
      final PersonalRecords records,
      final AdminAuditTrail trail,
      final LoginThrottle throttle,
      final IdempotencyKeys onceKeys,
      final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
      final ApplicationEventPublisher events,
      final SecondFactors secondFactors) {
    this.directory = directory;
    this.tokens = tokens;
    this.records = records;
    this.trail = trail;
    this.throttle = throttle;
    this.onceKeys = onceKeys;
    this.sessions = sessions;
    this.events = events;
    this.secondFactors = secondFactors;
  }

  /** What an erasure did. */
  record Erased(String pseudonym, int recordsScrubbed, int auditEntries, int sessionsEnded) {}

  /**
   * Erases {@code username} on behalf of {@code admin}.
   *
   * @throws UnknownPersonException when nobody has that username
   * @throws ResponseStatusException 409 for one's own account or a person already erased
   */
  @Transactional
  Erased erase(final String username, final String admin) {
    final Person person =
        directory.person(username).orElseThrow(() -> new UnknownPersonException(username));
    if (username.equals(admin)) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT, "You cannot erase yourself; ask another administrator.");
    }
    if (isErased(person)) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT, "'" + username + "' was erased already.");
    }
    final String pseudonym = "erased-" + HexFormat.of().formatHex(randomBytes());
    final int scrubbed = records.scrub(List.of(person.displayName(), person.email()), pseudonym);
    directory.updatePerson(username, pseudonym, pseudonym + ERASED_DOMAIN, person.roles());
    directory.updateContact(username, pseudonym, pseudonym + ERASED_DOMAIN, "");
    directory.setManager(username, null);
    directory.setEnabled(username, false);
    directory.changePasswordHash(username, null);
    for (final String group : person.groups()) {
      directory.removeMember(group, username);
    }
    tokens.deleteAllOf(username);
    secondFactors.remove(username);
    records.forgetSignInLinks(username);
    throttle.forget(username);
    onceKeys.forget(username);
    final int audited =
        trail.pseudonymise(
            Stream.of(person.username(), person.displayName(), person.email()).distinct().toList(),
            pseudonym);
    final int ended = endSessions(username);
    final Map<String, Object> after = new LinkedHashMap<>();
    after.put("pseudonym", pseudonym);
    after.put("enabled", false);
    after.put("recordsScrubbed", scrubbed);
    after.put("auditEntriesPseudonymised", audited);
    after.put("sessionsEnded", ended);
    events.publishEvent(
        new AdminAction(
            admin, ACTION, "user:" + pseudonym, Map.of("enabled", person.enabled()), after));
    return new Erased(pseudonym, scrubbed, audited, ended);
  }

  static boolean isErased(final Person person) {
    return person.email().endsWith(ERASED_DOMAIN);
  }

  private int endSessions(final String username) {
    final FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
    if (repository == null) {
      return 0;
    }
    final Set<String> ids = repository.findByPrincipalName(username).keySet();
    ids.forEach(repository::deleteById);
    return ids.size();
  }

  private static byte[] randomBytes() {
    final byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
