package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class RecentlyVerifiedPasswordsTest {

  private static final PasswordEncoder BCRYPT = PasswordHashing.encoder(4);
  private static final String HASH = BCRYPT.encode("correct horse");

  private final CountingEncoder hashing = new CountingEncoder();
  private final SettableClock clock = new SettableClock();
  private final RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(hashing, clock);

  @Test
  void aRepeatedSignInWithTheRightPasswordSkipsBcrypt() {
    final DaoAuthenticationProvider provider =
        new DaoAuthenticationProvider(
            new InMemoryUserDetailsManager(
                User.withUsername("api.client").password(HASH).roles("AGENT").build()));
    provider.setPasswordEncoder(passwords);

    for (int call = 0; call < 3; call++) {
      assertThat(
              provider
                  .authenticate(
                      UsernamePasswordAuthenticationToken.unauthenticated(
                          "api.client", "correct horse"))
                  .isAuthenticated())
          .isTrue();
    }

    assertThat(hashing.checks.get()).isEqualTo(1);
  }

  @Test
  void aWrongPasswordIsHashedEveryTime() {
    passwords.matches("correct horse", HASH);

    assertThat(passwords.matches("wrong horse", HASH)).isFalse();
    assertThat(passwords.matches("wrong horse", HASH)).isFalse();

    assertThat(hashing.checks.get()).isEqualTo(3);
  }

  @Test
  void aChangedHashIsCheckedAfreshSoAnOldPasswordStopsWorkingAtOnce() {
    passwords.matches("correct horse", HASH);

    assertThat(passwords.matches("correct horse", BCRYPT.encode("new battery staple"))).isFalse();
  }

  @Test
  void aMatchIsRememberedForTwoMinutesOnly() {
    passwords.matches("correct horse", HASH);
    clock.advance(RecentlyVerifiedPasswords.REMEMBER_FOR.minusSeconds(1));
    passwords.matches("correct horse", HASH);
    assertThat(hashing.checks.get()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(passwords.matches("correct horse", HASH)).isTrue();

    assertThat(hashing.checks.get()).isEqualTo(2);
  }

  /** bcrypt that counts how often it is asked. */
  private static final class CountingEncoder implements PasswordEncoder {
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public String encode(final CharSequence rawPassword) {
      return BCRYPT.encode(rawPassword);
    }

    @Override
    public boolean matches(final CharSequence rawPassword, final String encodedPassword) {
      checks.incrementAndGet();
      return BCRYPT.matches(rawPassword, encodedPassword);
    }
  }
}
