package io.flowdesk.app.privacy;

import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.audit.AdminAuditTrail;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.security.LoginThrottle;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.privacy.Pseudonymisation;
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
 * Erases a person (GDPR, right to erasure) without breaking the records they appear in: the domain
 * pseudonymises what it holds ({@link Pseudonymisation}: username, name and email become a random
 * pseudonym in the directory and in every record, journal, audit trail and approval; phone,
 * manager, password, groups and notification preferences go; the person is disabled); the app adds
 * its own part: second factor (key, recovery codes, remembered devices), single sign-on links,
 * password links, sessions, API tokens, sign-in counts and one-time keys go, tokens they revoked
 * name the pseudonym as revoker, and the admin audit trail keeps every action but names them by the
 * pseudonym. Records keep their numbers, states, times and links, now under the pseudonym; the old
 * username is free again, since nothing refers to it. All in one transaction with its own audit
 * entry ({@code person.erased}).
 */
@Component
class PersonErasure {

  static final String ACTION = "person.erased";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Directory directory;
  private final Pseudonymisation pseudonymisation;
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
      final Pseudonymisation pseudonymisation,
      final PersonalTokens tokens,
      final PersonalRecords records,
      final AdminAuditTrail trail,
      final LoginThrottle throttle,
      final IdempotencyKeys onceKeys,
      final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
      final ApplicationEventPublisher events,
      final SecondFactors secondFactors) {
    this.directory = directory;
    this.pseudonymisation = pseudonymisation;
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
    final int scrubbed =
        pseudonymisation.pseudonymise(
            username, pseudonym, List.of(person.displayName(), person.email()));
    tokens.deleteAllOf(username);
    tokens.renameRevoker(username, pseudonym);
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
    return Pseudonymisation.isErased(person.email());
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
