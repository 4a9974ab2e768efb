package io.flowdesk.app.incident.reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reply templates administrators keep (table {@code reply_template}), by title. */
@Component
public class ReplyTemplates {

  static final int MAX_TITLE = 100;
  static final int MAX_BODY = 10_000;

  private final JdbcClient jdbc;

  ReplyTemplates(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A template. */
  public record ReplyTemplate(long id, String title, String body) {}

  public List<ReplyTemplate> all() {
    return jdbc.sql("SELECT id, title, body FROM flowdesk.reply_template ORDER BY lower(title), id")
        .query(ReplyTemplate.class)
        .list();
  }

  /**
   * Adds a template; answers the problem per field ({@code title}, {@code body}), empty when added.
   */
  public Map<String, String> add(final String title, final String body) {
    final Map<String, String> problems = new LinkedHashMap<>();
    final String t = title == null ? "" : title.strip();
    final String b = body == null ? "" : body.strip();
    if (t.isEmpty() || t.length() > MAX_TITLE) {
      problems.put("title", "a title of 1 to " + MAX_TITLE + " characters is required");
    }
    if (b.isEmpty() || b.length() > MAX_BODY) {
      problems.put("body", "a text of 1 to " + MAX_BODY + " characters is required");
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    try {
      jdbc.sql("INSERT INTO flowdesk.reply_template (title, body) VALUES (:t, :b)")
          .param("t", t)
          .param("b", b)
          .update();
    } catch (DuplicateKeyException taken) {
      problems.put("title", "there is a template called " + t + " already");
    }
    return problems;
  }

  /** Deletes the template; answers its title, or null when there was none. */
  public String delete(final long id) {
    return jdbc.sql("DELETE FROM flowdesk.reply_template WHERE id = :id RETURNING title")
        .param("id", id)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
