package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordPolicyTest {

  private static final String TOO_SHORT_WITHOUT_SECOND_FACTOR =
      "Minimum length: the password must have at least 15 characters (12 once you use a second"
          + " factor).";
  private static final String BREACHED =
      "Breached passwords: this password is on the list of common or breached passwords;"
          + " attackers try it first. Choose another one.";

  private final PasswordPolicy policy = new PasswordPolicy();

  @Test
  void fifteenCharactersWithoutASecondFactorTwelveWithOne() {
    assertThat(policy.violations("alice", "bluefish-castle", false)).isEmpty();
    assertThat(policy.violations("alice", "bluefish-castl", false))
        .containsExactly(TOO_SHORT_WITHOUT_SECOND_FACTOR);
    assertThat(policy.violations("alice", "bluefish-cas", true)).isEmpty();
    assertThat(policy.violations("alice", "bluefish-ca", true))
        .containsExactly("Minimum length: the password must have at least 12 characters.");
  }

  @Test
  void passphrasesUpTo128CharactersAreAccepted() {
    final String longest = "a long passphrase ".repeat(8).substring(0, 128);

    assertThat(policy.violations("alice", longest, false)).isEmpty();
    assertThat(policy.violations("alice", longest + "x", false))
        .containsExactly("Maximum length: the password must have at most 128 characters.");
  }

  @Test
  void anyCharacterCountsIncludingSpacesAndOtherScriptsWithoutCompositionRules() {
    assertThat(policy.accepts("alice", "correct horse battery", false)).isTrue();
    assertThat(policy.accepts("alice", "ünïcödé wörds für", false)).isTrue();
    assertThat(policy.accepts("alice", "пароль для входа", false)).isTrue();
    assertThat(policy.accepts("alice", "alllowercaseletters", false)).isTrue();
  }

  @Test
  void lengthIsCountedInCharactersAsPeopleSeeThemNotInUtf16Units() {
    // Eleven emoji are 22 UTF-16 units but only eleven characters.
    final String elevenEmoji = "🔑🔒🔓🗝🚪🏠🌳🌲🌴🌵🍀";

    assertThat(elevenEmoji.length()).isEqualTo(22);
    assertThat(policy.violations("alice", elevenEmoji, true))
        .containsExactly("Minimum length: the password must have at least 12 characters.");
    assertThat(policy.accepts("alice", elevenEmoji + "🌾", true)).isTrue();
  }

  @Test
  void commonAndBreachedPasswordsAreRefusedWhateverTheirCase() {
    assertThat(policy.violations("alice", "password1234", true)).containsExactly(BREACHED);
    assertThat(policy.accepts("alice", "QwertyUiopAsdfGhjkl", false)).isFalse();
    assertThat(policy.accepts("alice", "Correct Horse Battery Staple", false)).isFalse();
    assertThat(policy.accepts("alice", "123456789012345", false)).isFalse();
  }

  @Test
  void anAdministratorsFileOfPasswordsAndHibpHashesIsCheckedToo(@TempDir final Path dir)
      throws Exception {
    final Path file = dir.resolve("breached.txt");
    // SHA-1("sunflower meadow 1987") in Have I Been Pwned's format, and one plain password.
    Files.write(
        file,
        List.of(
            "# downloaded list",
            "B0E9ABA5B38DF21F9C9E5A8B0A9B9E8A5D1B5A51:12",
            sha1("sunflower meadow 1987") + ":3",
            "purple elephant dance"),
        StandardCharsets.UTF_8);
    final PasswordPolicy withFile = new PasswordPolicy(file);

    assertThat(withFile.violations("alice", "sunflower meadow 1987", false))
        .containsExactly(BREACHED);
    assertThat(withFile.violations("alice", "Purple Elephant Dance", false))
        .containsExactly(BREACHED);
    assertThat(withFile.accepts("alice", "sunflower meadow 1988", false)).isTrue();
    assertThat(policy.accepts("alice", "sunflower meadow 1987", false)).isTrue();
  }

  @Test
  void aMissingFileIsAnErrorNamingIt(@TempDir final Path dir) {
    final Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> new PasswordPolicy(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.txt");
  }

  @Test
  void theUsernameIsNotAPassword() {
    assertThat(policy.violations("agent.anna.longname", "Agent.Anna.LongName", false))
        .containsExactly("Not the username: the password must not be the username.");
  }

  @Test
  void oneCharacterRepeatedIsRefused() {
    assertThat(policy.violations("alice", "zzzzzzzzzzzzzzzz", false))
        .containsExactly("Repeated character: the password must not be one character repeated.");
  }

  @Test
  void anEmptyPasswordNamesTheLengthRule() {
    assertThat(policy.violations("alice", "", false))
        .containsExactly(TOO_SHORT_WITHOUT_SECOND_FACTOR);
    assertThat(policy.violations("alice", null, false))
        .containsExactly(TOO_SHORT_WITHOUT_SECOND_FACTOR);
  }

  @Test
  void theDemoPasswordPassesTheRules() {
    assertThat(policy.violations("admin", DemoData.PASSWORD, false)).isEmpty();
  }

  private static String sha1(final String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-1")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
