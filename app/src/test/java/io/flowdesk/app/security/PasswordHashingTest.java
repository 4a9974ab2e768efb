package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

  // The lowest bcrypt cost keeps this test fast; the format is the same.
  private final PasswordEncoder encoder = PasswordHashing.encoder(4);

  @Test
  void newHashesAreBcryptOverASha256PrehashAndMatchOnlyTheirPassword() {
    final String hash = encoder.encode("correct horse battery");

    assertThat(hash).startsWith("{bcrypt-sha256}$2a$04$");
    assertThat(encoder.matches("correct horse battery", hash)).isTrue();
    assertThat(encoder.matches("correct horse batterY", hash)).isFalse();
    assertThat(encoder.encode("correct horse battery")).isNotEqualTo(hash);
  }

  @Test
  void everyCharacterOfALongUnicodePasswordCounts() {
    // 128 characters, 384 bytes in UTF-8: far beyond bcrypt's 72 bytes.
    final String base = "密码".repeat(63) + "末尾";
    final String hash = encoder.encode(base);

    assertThat(encoder.matches(base, hash)).isTrue();
    assertThat(encoder.matches("密码".repeat(63) + "末屋", hash)).isFalse();
  }

  @Test
  void theSamePasswordTypedInAnotherUnicodeFormMatches() {
    final String composed = "caf\u00e9 au lait";
    final String decomposed = "cafe\u0301 au lait";

    assertThat(encoder.matches(decomposed, encoder.encode(composed))).isTrue();
  }

  @Test
  void plainBcryptHashesStillMatchAndAreMarkedForUpgrade() {
    final String imported = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("imported secret");

    assertThat(encoder.matches("imported secret", imported)).isTrue();
    assertThat(encoder.upgradeEncoding(imported)).isTrue();
    assertThat(encoder.upgradeEncoding(encoder.encode("imported secret"))).isFalse();
  }
}
