package io.flowdesk.app.mfa;

import io.flowdesk.domain.secret.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's second factor: a TOTP key ({@link Totp}) in {@code flowdesk.second_factor}, encrypted
 * with the secrets key, and ten single-use recovery codes kept as digests. A key counts only once
 * confirmed with a code from the person's app; each accepted code moves the key's last step on, so
 * the same code (or an older one) is never accepted twice, also on another node.
 */
public class SecondFactors {

  /** Recovery codes made at enrolment. */
  public static final int RECOVERY_CODES = 10;

  // 20 bytes = 160 bits, the key length RFC 4226 recommends for HMAC-SHA1.
  private static final int KEY_BYTES = 20;
  // 10 bytes = 80 bits, written as 16 base32 letters in four groups.
  private static final int RECOVERY_CODE_BYTES = 10;

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public SecondFactors(
      final JdbcClient jdbc,
      final SecretCipher cipher,
      final TransactionTemplate transactions,
      final Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** How a second factor was proven. */
  public enum Proof {
    CODE,
    RECOVERY_CODE
  }

  /** A key waiting for its first code: the base32 text people type or scan. */
  public record PendingKey(String username, String base32) {
    @Override
    public String toString() {
      return "PendingKey[" + username + "]";
    }
  }

  /** Whether {@code username} signs in with a confirmed second factor. */
  public boolean isEnrolled(final String username) {
    return enrolledSince(username).isPresent();
  }

  /** When the person's second factor was confirmed; empty if they have none. */
  public Optional<Instant> enrolledSince(final String username) {
    return jdbc.sql(
            "SELECT confirmed_at FROM flowdesk.second_factor"
                + " WHERE username = :username AND confirmed_at IS NOT NULL")
        .param("username", username)
        .query(OffsetDateTime.class)
        .optional()
        .map(OffsetDateTime::toInstant);
  }

  /**
   * The key the person is enrolling with: the one made earlier if it is still unconfirmed (so that
   * reloading the page does not invalidate what the app has scanned), else a new one.
   *
   * @throws IllegalStateException if the person already has a confirmed second factor
   */
  public PendingKey pendingKey(final String username) {
    if (isEnrolled(username)) {
      throw new IllegalStateException(username + " has two-factor sign-in already");
    }
    final Optional<String> existing = storedKey(username, false);
    if (existing.isPresent()) {
      return new PendingKey(username, existing.get());
    }
    final String base32 = Base32.encode(Digests.randomBytes(KEY_BYTES));
    final SecretCipher.Sealed sealed =
        cipher.encrypt(associatedName(username), base32.toCharArray());
    jdbc.sql(
            """
            INSERT INTO flowdesk.second_factor (username, key_nonce, key_sealed, created_at)
            VALUES (:username, :nonce, :sealed, :now)
            ON CONFLICT (username) DO NOTHING
            """)
        .param("username", username)
        .param("nonce", sealed.nonce())
        .param("sealed", sealed.ciphertext())
        .param("now", timestamp(clock.instant()))
        .update();
    // Two pages opened at once: whichever insert won is the key.
    return new PendingKey(username, storedKey(username, false).orElseThrow());
  }

  /**
   * Confirms the pending key with a code from the person's app, and makes their recovery codes.
   *
   * @return the recovery codes, shown once; empty if the code is wrong (nothing changes then)
   */
  public Optional<List<String>> confirm(final String username, final String code) {
    final Optional<String> key = storedKey(username, false);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    final OptionalLong step = Totp.matchingStep(Base32.decode(key.get()), code, clock.instant());
    if (step.isEmpty()) {
      return Optional.empty();
    }
    return transactions.execute(
        status -> {
          final int confirmed =
              jdbc.sql(
                      """
                      UPDATE flowdesk.second_factor SET confirmed_at = :now, last_step = :step
                       WHERE username = :username AND confirmed_at IS NULL
                      """)
                  .param("now", timestamp(clock.instant()))
                  .param("step", step.getAsLong())
                  .param("username", username)
                  .update();
          return confirmed == 1 ? Optional.of(newRecoveryCodes(username)) : Optional.empty();
        });
  }

  /**
   * Checks a code from the person's app or one of their recovery codes, and uses it up.
   *
   * @return how the person proved it; empty if {@code typed} is neither (or was used already)
   */
  public Optional<Proof> verify(final String username, final String typed) {
    final String text = typed == null ? "" : typed.strip();
    if (text.replace(" ", "").length() == Totp.DIGITS) {
      return verifyCode(username, text) ? Optional.of(Proof.CODE) : Optional.empty();
    }
    return useRecoveryCode(username, text) ? Optional.of(Proof.RECOVERY_CODE) : Optional.empty();
  }

  private boolean verifyCode(final String username, final String code) {
    final Optional<String> key = storedKey(username, true);
    if (key.isEmpty()) {
      return false;
    }
    final OptionalLong step = Totp.matchingStep(Base32.decode(key.get()), code, clock.instant());
    // Only a step after the last accepted one: one statement, so two nodes cannot both accept it.
    return step.isPresent()
        && jdbc.sql(
                    """
                    UPDATE flowdesk.second_factor SET last_step = :step
                     WHERE username = :username AND confirmed_at IS NOT NULL
                       AND (last_step IS NULL OR last_step < :step)
                    """)
                .param("step", step.getAsLong())
                .param("username", username)
                .update()
            == 1;
  }

  private boolean useRecoveryCode(final String username, final String typed) {
    final String normalised = normaliseRecoveryCode(typed);
    if (normalised.isEmpty() || !isEnrolled(username)) {
      return false;
    }
    return jdbc.sql(
                """
                UPDATE flowdesk.second_factor_recovery_code SET used_at = :now
                 WHERE username = :username AND code_hash = :hash AND used_at IS NULL
                """)
            .param("now", timestamp(clock.instant()))
            .param("username", username)
            .param("hash", recoveryCodeHash(username, normalised))
            .update()
        == 1;
  }

  /** How many unused recovery codes the person has. */
  public int recoveryCodesLeft(final String username) {
    return jdbc.sql(
            "SELECT count(*) FROM flowdesk.second_factor_recovery_code"
                + " WHERE username = :username AND used_at IS NULL")
        .param("username", username)
        .query(Integer.class)
        .single();
  }

  /**
   * Removes the person's second factor, recovery codes and remembered devices (they turned it off,
   * or an admin reset it); the person signs in with the password alone until they enrol again.
   *
   * @return whether there was a second factor (confirmed or pending) to remove
   */
  public boolean remove(final String username) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              jdbc.sql("DELETE FROM flowdesk.second_factor_recovery_code WHERE username = :u")
                  .param("u", username)
                  .update();
              jdbc.sql("DELETE FROM flowdesk.second_factor_device WHERE username = :u")
                  .param("u", username)
                  .update();
              return jdbc.sql("DELETE FROM flowdesk.second_factor WHERE username = :u")
                      .param("u", username)
                      .update()
                  == 1;
            }));
  }

  private List<String> newRecoveryCodes(final String username) {
    jdbc.sql("DELETE FROM flowdesk.second_factor_recovery_code WHERE username = :username")
        .param("username", username)
        .update();
    final List<String> codes = new ArrayList<>(RECOVERY_CODES);
    for (int i = 0; i < RECOVERY_CODES; i++) {
      final String letters = Base32.encode(Digests.randomBytes(RECOVERY_CODE_BYTES));
      final String code =
          String.join(
              "-",
              letters.substring(0, 4),
              letters.substring(4, 8),
              letters.substring(8, 12),
              letters.substring(12, 16));
      jdbc.sql(
              "INSERT INTO flowdesk.second_factor_recovery_code (username, code_hash)"
                  + " VALUES (:username, :hash)")
          .param("username", username)
          .param("hash", recoveryCodeHash(username, normaliseRecoveryCode(code)))
          .update();
      codes.add(code);
    }
    return List.copyOf(codes);
  }

  // People copy codes with or without the dashes, in either case.
  private static String normaliseRecoveryCode(final String typed) {
    return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  private static byte[] recoveryCodeHash(final String username, final String normalised) {
    return Digests.sha256("recovery-code", username, normalised);
  }

  private Optional<String> storedKey(final String username, final boolean confirmed) {
    return jdbc.sql(
            "SELECT key_nonce, key_sealed FROM flowdesk.second_factor WHERE username = :username"
                + (confirmed ? " AND confirmed_at IS NOT NULL" : " AND confirmed_at IS NULL"))
        .param("username", username)
        .query(
            (row, n) -> {
              final char[] key =
                  cipher.decrypt(
                      associatedName(username),
                      row.getBytes("key_nonce"),
                      row.getBytes("key_sealed"));
              try {
                return new String(key);
              } finally {
                Arrays.fill(key, '\0');
              }
            })
        .optional();
  }

  // The cipher's associated data: a sealed key moved to another person's row fails to decrypt.
  private static String associatedName(final String username) {
    return "second-factor:" + username;
  }

  private static OffsetDateTime timestamp(final Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
