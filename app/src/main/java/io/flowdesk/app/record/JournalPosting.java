package io.flowdesk.app.record;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adds comments and work notes to a record of any kind, for pages and API alike, once per one-time
 * key: a second post of the same page or the same {@code Idempotency-Key} adds nothing and answers
 * the first entry.
 */
@Component
public class JournalPosting {

  /** The most characters a comment or work note may have (the record core's limit). */
  public static final int MAX_TEXT = 10_000;

  private final IdempotencyKeys onceOnly;

  JournalPosting(final IdempotencyKeys onceOnly) {
    this.onceOnly = onceOnly;
  }

  /**
   * Adds {@code text} by {@code username}; answers the entry's id.
   *
   * @param key the page's or client's one-time key; null or blank adds every time
   */
  public long add(
      final RecordRef record,
      final JournalKind kind,
      final String text,
      final String username,
      final String key) {
    return Long.parseLong(
        onceOnly.once(
            username,
            IdempotencyKeys.comments(record.number()),
            key,
            () ->
                Long.toString(
                    record
                        .core()
                        .addJournalEntry(record.id(), kind, text, Actor.person(username))
                        .id())));
  }

  /**
   * The agents' journal form of a record page: a comment or a work note, refused with a flash
   * message when blank or too long (the words kept for the form), else added once per page key.
   *
   * @param kind the form's {@code comment} or {@code work-note}
   * @param reader who reads comments, e.g. "the caller"
   * @throws ResponseStatusException 400 for another kind
   */
  public void fromAgentsForm(
      final RecordRef record,
      final String kind,
      final String text,
      final String once,
      final String username,
      final String reader,
      final RedirectAttributes redirect) {
    final JournalKind journalKind =
        switch (kind) {
          case "comment" -> JournalKind.COMMENT;
          case "work-note" -> JournalKind.WORK_NOTE;
          default ->
              throw new ResponseStatusException(
                  HttpStatus.BAD_REQUEST, "kind must be comment or work-note");
        };
    if (text.isBlank()) {
      redirect.addFlashAttribute("problem", "Please write something before adding it.");
    } else if (text.length() > MAX_TEXT) {
      redirect.addFlashAttribute(
          "problem", "A journal entry may have at most " + MAX_TEXT + " characters.");
      redirect.addFlashAttribute("journalText", text);
    } else {
      add(record, journalKind, text.strip(), username, once);
      redirect.addFlashAttribute(
          "flash",
          journalKind == JournalKind.COMMENT
              ? "Comment added; " + reader + " sees it."
              : "Work note added.");
    }
  }

  /**
   * The comment form of a caller's or requester's page: refused with a flash message when blank or
   * too long (the words kept for the form), else added as a comment once per page key.
   */
  public void fromCallersForm(
      final RecordRef record,
      final String text,
      final String once,
      final String username,
      final RedirectAttributes redirect) {
    if (text.isBlank()) {
      redirect.addFlashAttribute("problem", "Please write a comment before sending it.");
    } else if (text.length() > MAX_TEXT) {
      redirect.addFlashAttribute(
          "problem", "A comment may have at most " + MAX_TEXT + " characters.");
      redirect.addFlashAttribute("commentText", text);
    } else {
      add(record, JournalKind.COMMENT, text.strip(), username, once);
      redirect.addFlashAttribute("flash", "Your comment was added.");
    }
  }
}
