package io.flowdesk.app.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  // RFC 6238, appendix B: the SHA-1 key is the ASCII of "12345678901234567890".
  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void theCodesOfRfc6238sTestVectors(final long epochSeconds, final String expected) {
    final long step = Totp.step(Instant.ofEpochSecond(epochSeconds));

    assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(expected);
    assertThat(Totp.code(RFC_KEY, step)).isEqualTo(expected.substring(2));
  }

  @Test
  void theCodeOfTheStepBeforeOrAfterIsAcceptedButNotTwoStepsAway() {
    final Instant now = Instant.ofEpochSecond(1_111_111_111);
    final long step = Totp.step(now);

    assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step), now)).hasValue(step);
    assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1), now)).hasValue(step - 1);
    assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1), now)).hasValue(step + 1);
    assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2), now)).isEmpty();
  }

  @Test
  void aCodeTypedWithASpaceIsReadButLettersAndOtherLengthsAreNot() {
    final Instant now = Instant.ofEpochSecond(59);
    final String code = Totp.code(RFC_KEY, Totp.step(now));

    assertThat(Totp.matchingStep(RFC_KEY, code.substring(0, 3) + " " + code.substring(3), now))
        .isPresent();
    assertThat(Totp.matchingStep(RFC_KEY, code.substring(1), now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_KEY, "28708a", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_KEY, null, now)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void base32AsRfc4648WithoutPadding(final String plain, final String encoded) {
    assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    assertThat(Base32.decode(encoded.toLowerCase()))
        .isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
  }
}
