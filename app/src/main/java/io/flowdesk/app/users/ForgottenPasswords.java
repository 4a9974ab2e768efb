package io.flowdesk.app.users;

import io.flowdesk.app.users.PasswordLinks.Purpose;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * "Forgot password?": mails a reset link to the enabled person with that username or email. The
 * work (lookup, link, mail) happens after the answer, on another thread, so that neither the answer
 * nor its timing tells whether the account exists. Requests are throttled per client address before
 * the answer, links per account after.
 */
@Component
class ForgottenPasswords {

  private static final Logger LOG = LoggerFactory.getLogger(ForgottenPasswords.class);

  private final Directory directory;
  private final PasswordLinks links;
  private final PasswordLinkMail mail;
  private final PasswordResetThrottle throttle;
  private final TaskExecutor executor;

  ForgottenPasswords(
      final Directory directory,
      final PasswordLinks links,
      final PasswordLinkMail mail,
      final PasswordResetThrottle throttle,
      @Qualifier("passwordMailExecutor") final TaskExecutor executor) {
    this.directory = directory;
    this.links = links;
    this.mail = mail;
    this.throttle = throttle;
    this.executor = executor;
  }

  void request(final String account, final String clientAddress) {
    if (!throttle.allowAddress(clientAddress)) {
      LOG.info("Password reset request throttled (address {})", clientAddress);
      return;
    }
    executor.execute(() -> send(account));
  }

  private void send(final String account) {
    final Optional<Person> person = find(account).filter(Person::enabled);
    if (person.isEmpty() || !mail.canSend()) {
      return;
    }
    if (!throttle.allowAccount(person.get().username())) {
      LOG.info("Password reset link for '{}' throttled", person.get().username());
      return;
    }
    try {
      final String token = links.issue(person.get().username(), Purpose.RESET);
      mail.send(person.get(), token, Purpose.RESET, links.validity());
      LOG.info("Password reset link mailed to '{}' on request", person.get().username());
    } catch (RuntimeException e) {
      LOG.warn(
          "Password reset link for '{}' not sent: {}", person.get().username(), e.getMessage());
    }
  }

  private Optional<Person> find(final String account) {
    final Optional<Person> byName = directory.person(account.toLowerCase(Locale.ROOT));
    if (byName.isPresent()) {
      return byName;
    }
    return directory.people(account).stream()
        .filter(p -> p.email().equalsIgnoreCase(account))
        .findFirst();
  }
}
