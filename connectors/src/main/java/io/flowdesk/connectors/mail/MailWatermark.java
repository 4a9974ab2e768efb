package io.flowdesk.connectors.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ties mails to a Flowdesk record (an incident, a change, ...) by its number, the <em>token</em>:
 * two to ten capital letters and three to twelve digits, e.g. {@code INC0001234}.
 *
 * <p>Outbound mails carry it twice: in our own Message-ID ({@code
 * <INC0001234.5f0c...@flowdesk.example>}), which replies quote back in In-Reply-To/References, and
 * in the subject as {@code [INC0001234]}, for mail clients that drop those headers. Only
 * Message-IDs under our own domain count, so a foreign mail that happens to look alike is not
 * mistaken for one of ours.
 */
public final class MailWatermark {

  private static final String TOKEN = "[A-Z]{2,10}[0-9]{3,12}";
  private static final Pattern TOKEN_PATTERN = Pattern.compile(TOKEN);
  private static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[(" + TOKEN + ")]");
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private final String domain;
  private final Pattern ourMessageId;

  /**
   * @param domain the right-hand side of our Message-IDs, e.g. {@code flowdesk.example.com}
   */
  public MailWatermark(final String domain) {
    if (domain == null || !DOMAIN.matcher(domain.toLowerCase(Locale.ROOT)).matches()) {
      throw new IllegalArgumentException("'" + domain + "' is not a valid Message-ID domain");
    }
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.ourMessageId =
        Pattern.compile(
            "<(" + TOKEN + ")\\.[0-9a-f-]{36}@" + Pattern.quote(this.domain) + ">",
            Pattern.CASE_INSENSITIVE);
  }

  /** Whether the text is a well-formed token. */
  public static boolean isToken(final String token) {
    return token != null && TOKEN_PATTERN.matcher(token).matches();
  }

  static String requireToken(final String token) {
    if (!isToken(token)) {
      throw new IllegalArgumentException(
          "'" + token + "' is not a record token (2-10 capital letters, then 3-12 digits)");
    }
    return token;
  }

  public String domain() {
    return domain;
  }

  /** A new, unique Message-ID that carries the token, or an untagged one when token is null. */
  public String newMessageId(final String token) {
    final String unique = UUID.randomUUID().toString();
    return token == null
        ? "<" + unique + "@" + domain + ">"
        : "<" + requireToken(token) + "." + unique + "@" + domain + ">";
  }

  /** The subject with {@code [TOKEN]} in front, unless the subject already carries it. */
  public static String subjectWithToken(final String subject, final String token) {
    final String tag = "[" + requireToken(token) + "]";
    return subject.contains(tag) ? subject : tag + " " + subject;
  }

  /** The token in one of our Message-IDs; empty for foreign or untagged ids. */
  public Optional<String> tokenInMessageId(final String messageId) {
    if (messageId == null) {
      return Optional.empty();
    }
    final Matcher matcher = ourMessageId.matcher(messageId.trim());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The first {@code [TOKEN]} in a subject. */
  public static Optional<String> tokenInSubject(final String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    final Matcher matcher = SUBJECT_TOKEN.matcher(subject);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * The token of a reply: from the Message-IDs it answers (nearest first), else from its subject.
   * Headers win because a user may edit the subject.
   */
  public Optional<String> tokenOf(
      final String inReplyTo, final List<String> references, final String subject) {
    final Optional<String> fromInReplyTo = tokenInMessageId(inReplyTo);
    if (fromInReplyTo.isPresent()) {
      return fromInReplyTo;
    }
    for (int i = references.size() - 1; i >= 0; i--) {
      final Optional<String> token = tokenInMessageId(references.get(i));
      if (token.isPresent()) {
        return token;
      }
    }
    return tokenInSubject(subject);
  }
}
