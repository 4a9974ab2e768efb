package io.flowdesk.domain.privacy;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's erasure (GDPR) as far as the domain holds them, by the database function {@code
 * domain.pseudonymise_person} (V12): their name and email (and any other given text) become the
 * pseudonym in every record, journal, attachment name, audit value, approval subject and decision
 * comment; their directory entry is named by the pseudonym, reachable nowhere ({@value
 * #ERASED_DOMAIN}), disabled and stripped of phone, chat handle, manager, password, groups and
 * notification preferences. The audit trails stay append-only for everything else: their triggers
 * let only this function rewrite their values, nobody delete them. Joins the caller's transaction.
 */
public class Pseudonymisation {

  /** Reserved by RFC 2606: an erased person's address can never reach anybody. */
  public static final String ERASED_DOMAIN = "@erased.invalid";

  private final JdbcClient jdbc;

  public Pseudonymisation(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * Erases {@code username} under {@code pseudonym} (a valid username, e.g. {@code erased-1a2b}).
   *
   * @param texts what to replace wherever it was typed (matched literally, ignoring case)
   * @return how many rows of records, journals, trails and approvals changed
   */
  public int pseudonymise(final String username, final String pseudonym, final List<String> texts) {
    final List<String> given =
        texts.stream().filter(text -> text != null && !text.isBlank()).toList();
    // Each text is a parameter of its own: ARRAY[?, ?], never SQL built from the text.
    final int changed =
        jdbc.sql(
                given.isEmpty()
                    ? "SELECT domain.pseudonymise_person(:username, :pseudonym, ARRAY[]::text[])"
                    : "SELECT domain.pseudonymise_person(:username, :pseudonym, ARRAY[:texts]::text[])")
            .param("username", username)
            .param("pseudonym", pseudonym)
            .param("texts", given)
            .query(Integer.class)
            .single();
    // The chat handle (V22) names the person too; it came after the function was written.
    jdbc.sql("UPDATE domain.person SET chat_handle = NULL WHERE username = :pseudonym")
        .param("pseudonym", pseudonym)
        .update();
    // Saved list filters (V32) are the person's own and may hold typed names: they go.
    jdbc.sql("DELETE FROM domain.saved_filter WHERE owner IN (:username, :pseudonym)")
        .param("username", username)
        .param("pseudonym", pseudonym)
        .update();
    // Notifications not sent yet (V55) name who made the change; they keep the pseudonym instead.
    jdbc.sql("UPDATE domain.notification_outbox SET actor = :pseudonym WHERE actor = :username")
        .param("username", username)
        .param("pseudonym", pseudonym)
        .update();
    return changed;
  }

  /** Whether an email address is an erased person's. */
  public static boolean isErased(final String email) {
    return email != null && email.endsWith(ERASED_DOMAIN);
  }
}
