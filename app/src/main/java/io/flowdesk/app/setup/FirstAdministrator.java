package io.flowdesk.app.setup;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.passwordchange.RequiredPasswordChanges;
import io.flowdesk.app.security.PasswordPolicy;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The one way into an installation that has nobody yet (an external database without demo people):
 * at start, when the directory is empty, a one-time setup address with a random secret is written
 * to the log; whoever can read the server's log opens it and creates the first administrator. The
 * secret lives only in this process's memory, stops working once anybody exists, and is gone after
 * its first use.
 */
@Component
class FirstAdministrator {

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  // Nobody is signed in at the setup: the trail names the one-time setup address as the actor.
  static final String SETUP_ACTOR = "setup";

  private final Directory directory;
  private final PasswordEncoder passwords;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;
  private final PasswordPolicy policy;
  private final InitialAdministrator initial;
  private final RequiredPasswordChanges passwordChanges;
  private int port = 8080;
  private byte[] secretDigest;

  FirstAdministrator(
      final Directory directory,
      final PasswordEncoder passwords,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events,
      final PasswordPolicy policy,
      final RequiredPasswordChanges passwordChanges,
      @Value("${flowdesk.setup.admin.username:}") final String initialUsername,
      @Value("${flowdesk.setup.admin.password:}") final String initialPassword,
      @Value("${flowdesk.setup.admin.email:}") final String initialEmail) {
    this.directory = directory;
    this.passwords = passwords;
    this.transactions = transactions;
    this.events = events;
    this.policy = policy;
    this.passwordChanges = passwordChanges;
    this.initial = new InitialAdministrator(initialUsername, initialPassword, initialEmail);
  }

  /** FLOWDESK_ADMIN_USERNAME, _PASSWORD and _EMAIL: the first administrator without a browser. */
  private record InitialAdministrator(String username, String password, String email) {
    boolean given() {
      return !username.isBlank() && !password.isEmpty();
    }
  }

  @EventListener
  void portKnown(final WebServerInitializedEvent event) {
    port = event.getWebServer().getPort();
  }

  @EventListener(ApplicationReadyEvent.class)
  synchronized void offerSetupWhenNobodyExists() {
    if (!directory.people().isEmpty()) {
      return;
    }
    if (initial.given() && createdFromEnvironment()) {
      return;
    }
    final byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    secretDigest = digest(token);
    LOG.warn(
        "Nobody can sign in yet: create the first administrator at {}{} (e.g."
            + " http://localhost:{}{}). This address works once, and only until somebody exists.",
        SetupController.PATH,
        token,
        port,
        SetupController.PATH + token);
  }

  /** True while {@code token} opens the setup: it is this start's secret and nobody exists. */
  synchronized boolean opens(final String token) {
    return secretDigest != null
        && token != null
        && MessageDigest.isEqual(secretDigest, digest(token))
        && directory.people().isEmpty();
  }

  /**
   * Creates the first administrator with {@code password} (already checked against the policy) and
   * closes the setup; empty when {@code token} no longer opens it (used, or somebody exists).
   */
  synchronized Optional<Person> create(
      final String token,
      final String username,
      final String displayName,
      final String email,
      final String password) {
    if (!opens(token)) {
      return Optional.empty();
    }
    final Person admin = createAdministrator(username, displayName, email, password);
    secretDigest = null;
    LOG.info("First administrator '{}' created; the setup address no longer works", username);
    return Optional.of(admin);
  }

  /**
   * The administrator the environment names, unless its password breaks the policy (said in the log
   * without the password; the setup address is offered instead).
   */
  private boolean createdFromEnvironment() {
    final String username = initial.username().trim();
    final List<String> problems = policy.violations(username, initial.password(), false);
    if (!problems.isEmpty()) {
      LOG.error(
          "FLOWDESK_ADMIN_PASSWORD is refused, no administrator created from the environment: {}",
          String.join(" ", problems));
      return false;
    }
    final String email = initial.email().isBlank() ? username + "@localhost" : initial.email();
    try {
      // The password sits in a compose file or a shell's history: it opens nothing but the page
      // where the administrator chooses their own.
      transactions.executeWithoutResult(
          status -> {
            createAdministrator(username, username, email, initial.password());
            passwordChanges.require(username, RequiredPasswordChanges.FROM_ENVIRONMENT);
          });
    } catch (IllegalArgumentException refused) {
      LOG.error(
          "FLOWDESK_ADMIN_USERNAME / _EMAIL refused, no administrator created: {}",
          refused.getMessage());
      return false;
    }
    LOG.warn(
        "First administrator '{}' created from FLOWDESK_ADMIN_USERNAME / FLOWDESK_ADMIN_PASSWORD;"
            + " the first sign-in asks for a new password (and the second factor); then remove"
            + " FLOWDESK_ADMIN_PASSWORD from the environment.",
        username);
    return true;
  }

  private Person createAdministrator(
      final String username, final String displayName, final String email, final String password) {
    final String hash = passwords.encode(password);
    final Person admin =
        transactions.execute(
            status -> {
              final Person created =
                  directory.addPerson(username, displayName, email, Set.of(Role.ADMIN), hash);
              events.publishEvent(
                  new AdminAction(
                      SETUP_ACTOR,
                      "user.created",
                      "user:" + created.username(),
                      Map.of(),
                      Map.of(
                          "displayName", created.displayName(),
                          "email", created.email(),
                          "roles", List.of(Role.ADMIN.name()),
                          "enabled", true)));
              return created;
            });
    return admin;
  }

  private static byte[] digest(final String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
