package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * HTTP Basic on the incident API: verified passwords are remembered briefly (so scripts do not pay
 * bcrypt on every call), yet a changed password or a disabled person takes effect at the next call,
 * and wrong passwords are throttled like form sign-ins.
 */
class BasicSignInTest extends WebTestSupport {

  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;

  private String newPerson() {
    final String username = "api." + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        username,
        "API client",
        username + "@example.com",
        Set.of(Role.END_USER),
        passwords.encode(DEMO_PASSWORD));
    return username;
  }

  private MockHttpServletResponse call(
      final String username, final String password, final RequestPostProcessor address)
      throws Exception {
    return mvc.perform(get("/api/incidents").with(httpBasic(username, password)).with(address))
        .andReturn()
        .getResponse();
  }

  @Test
  void repeatedCallsWithTheRightPasswordSucceed() throws Exception {
    final String username = newPerson();
    final RequestPostProcessor script = freshAddress();

    for (int i = 0; i < 3; i++) {
      assertThat(call(username, DEMO_PASSWORD, script).getStatus()).isEqualTo(200);
    }
  }

  @Test
  void aChangedPasswordTakesEffectAtTheNextCall() throws Exception {
    final String username = newPerson();
    final RequestPostProcessor script = freshAddress();
    assertThat(call(username, DEMO_PASSWORD, script).getStatus()).isEqualTo(200);

    directory.changePasswordHash(username, passwords.encode("a brand new passphrase"));

    assertThat(call(username, DEMO_PASSWORD, script).getStatus()).isEqualTo(401);
    assertThat(call(username, "a brand new passphrase", script).getStatus()).isEqualTo(200);
  }

  @Test
  void aDisabledPersonIsRefusedAtTheNextCall() throws Exception {
    final String username = newPerson();
    final RequestPostProcessor script = freshAddress();
    assertThat(call(username, DEMO_PASSWORD, script).getStatus()).isEqualTo(200);

    directory.setEnabled(username, false);

    assertThat(call(username, DEMO_PASSWORD, script).getStatus()).isEqualTo(401);
  }

  @Test
  void wrongPasswordsAreThrottledWithTooManyRequestsWhileOtherAddressesStillGetIn()
      throws Exception {
    final String username = newPerson();
    final RequestPostProcessor attacker = freshAddress();
    MockHttpServletResponse refused = null;
    // Failures during a delay do not count, so a slow machine may need a few more than five.
    for (int guess = 0; guess < 20 && refused == null; guess++) {
      final MockHttpServletResponse response = call(username, "guess " + guess, attacker);
      if (response.getStatus() != 401) {
        refused = response;
      }
    }

    assertThat(refused).isNotNull();
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isPositive();
    assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
        .contains("\"status\":429")
        .containsPattern("Too many failed sign-ins\\. Please wait \\d+ seconds? before trying");
    assertThat(call(username, DEMO_PASSWORD, freshAddress()).getStatus()).isEqualTo(200);
  }
}
