package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  @Test
  void eightCharactersAreEnoughForEveryoneButAdministrators() {
    assertThat(policy.violations("alice", "bluefish", false)).isEmpty();
    assertThat(policy.violations("alice", "bluefis", false))
        .containsExactly("The password must have at least 8 characters.");
    assertThat(policy.violations("admin", "bluefish-castle", true)).isEmpty();
    assertThat(policy.violations("admin", "bluefish-castl", true))
        .containsExactly("The password must have at least 15 characters for an administrator.");
  }

  @Test
  void passphrasesUpTo128CharactersAreAccepted() {
    final String longest = "a long passphrase ".repeat(8).substring(0, 128);

    assertThat(policy.violations("alice", longest, false)).isEmpty();
    assertThat(policy.violations("alice", longest + "x", false))
        .containsExactly("The password must have at most 128 characters.");
  }

  @Test
  void anyCharacterCountsIncludingSpacesAndOtherScriptsWithoutCompositionRules() {
    assertThat(policy.accepts("alice", "correct horse battery", false)).isTrue();
    assertThat(policy.accepts("alice", "ünïcödé wörds", false)).isTrue();
    assertThat(policy.accepts("alice", "пароль для входа", false)).isTrue();
    assertThat(policy.accepts("alice", "alllowercaseletters", false)).isTrue();
  }

  @Test
  void lengthIsCountedInCharactersAsPeopleSeeThemNotInUtf16Units() {
    // Seven emoji are 14 UTF-16 units but only seven characters.
    final String sevenEmoji = "🔑🔒🔓🗝🚪🏠🌳";

    assertThat(sevenEmoji.length()).isEqualTo(14);
    assertThat(policy.violations("alice", sevenEmoji, false))
        .containsExactly("The password must have at least 8 characters.");
    assertThat(policy.accepts("alice", sevenEmoji + "🌲", false)).isTrue();
  }

  @Test
  void commonAndBreachedPasswordsAreRefusedWhateverTheirCase() {
    assertThat(policy.violations("alice", "password1", false))
        .containsExactly(
            "This password is too common; attackers try it first. Choose another one.");
    assertThat(policy.accepts("alice", "PassWord123", false)).isFalse();
    assertThat(policy.accepts("alice", "12345678", false)).isFalse();
    assertThat(policy.accepts("alice", "Flowdesk123", false)).isFalse();
  }

  @Test
  void theUsernameIsNotAPassword() {
    assertThat(policy.violations("agent.anna", "Agent.Anna", false))
        .containsExactly("The password must not be the username.");
  }

  @Test
  void oneCharacterRepeatedIsRefused() {
    assertThat(policy.violations("alice", "zzzzzzzzzz", false))
        .containsExactly("The password must not be one character repeated.");
  }

  @Test
  void anEmptyPasswordNamesTheLengthRule() {
    assertThat(policy.violations("alice", "", false))
        .containsExactly("The password must have at least 8 characters.");
    assertThat(policy.violations("alice", null, false))
        .containsExactly("The password must have at least 8 characters.");
  }

  @Test
  void theDemoPasswordPassesTheAdministratorRules() {
    assertThat(policy.violations("admin", DemoData.PASSWORD, true)).isEmpty();
  }
}
