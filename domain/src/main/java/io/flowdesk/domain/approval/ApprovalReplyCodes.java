package io.flowdesk.domain.approval;

import io.flowdesk.domain.secret.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The code an approval mail carries so that its approver may decide by answering it: {@code
 * FDA-<approval id>-<signature>}, the signature an HMAC of approval and approver under a key
 * derived from the secrets key. It binds the approval to that one approver: the same code in a mail
 * from anybody else does not verify. It is single-use because an approval is decided once (the
 * approver's open task ends with the decision).
 */
public final class ApprovalReplyCodes {

  private static final Pattern CODE = Pattern.compile("FDA-([0-9]{1,18})-([0-9a-f]{24})");
  private static final int SIGNATURE_HEX = 24;

  private final byte[] key;

  public ApprovalReplyCodes(final SecretKey secretsKey) {
    this.key = secretsKey.derive("flowdesk approval mail reply codes");
  }

  /** A code in a mail's text (quotes included). */
  public record Claim(long approvalId, String signature) {}

  /** The code for {@code approver} to decide approval {@code approvalId} by mail. */
  public String codeFor(final long approvalId, final String approver) {
    return "FDA-" + approvalId + "-" + signature(approvalId, approver);
  }

  /** The first code in the text, if any. */
  public Optional<Claim> find(final String text) {
    if (text == null) {
      return Optional.empty();
    }
    final Matcher matcher = CODE.matcher(text);
    return matcher.find()
        ? Optional.of(new Claim(Long.parseLong(matcher.group(1)), matcher.group(2)))
        : Optional.empty();
  }

  /** Whether the code was issued to {@code username}. */
  public boolean issuedTo(final Claim claim, final String username) {
    return MessageDigest.isEqual(
        signature(claim.approvalId(), username).getBytes(StandardCharsets.US_ASCII),
        claim.signature().getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(final long approvalId, final String approver) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      final byte[] digest =
          mac.doFinal((approvalId + ":" + approver).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, SIGNATURE_HEX);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
