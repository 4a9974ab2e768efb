package io.flowdesk.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin audit trail in {@code flowdesk.admin_audit}: appending an action, reading entries
 * newest first by {@link AuditFilter}, and the one rewrite the database allows, replacing a
 * person's identity by a pseudonym (GDPR erasure). The table refuses every other UPDATE and every
 * DELETE itself (migrations V15, V16).
 */
@Repository
public class AdminAuditTrail {

  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, at, actor, action, target, before::text AS before, after::text AS after";
  // Rows handed over while they are read, so an export of the whole trail never sits in memory.
  private static final int FETCH_SIZE = 500;

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  AdminAuditTrail(final JdbcTemplate jdbc, final ObjectMapper json, final Clock clock) {
    final JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
    streaming.setFetchSize(FETCH_SIZE);
    this.jdbc = new NamedParameterJdbcTemplate(streaming);
    this.json = json;
    this.clock = clock;
  }

  /** Appends the action, in the caller's transaction when there is one. */
  void append(final AdminAction action) {
    jdbc.update(
        """
        INSERT INTO flowdesk.admin_audit (at, actor, action, target, before, after)
        VALUES (:at, :actor, :action, :target, CAST(:before AS jsonb), CAST(:after AS jsonb))
        """,
        new MapSqlParameterSource()
            .addValue("at", clock.instant().atOffset(ZoneOffset.UTC))
            .addValue("actor", action.actor())
            .addValue("action", action.action())
            .addValue("target", action.target())
            .addValue("before", text(SensitiveKeys.dropped(action.before())))
            .addValue("after", text(SensitiveKeys.dropped(action.after()))));
  }

  /** One page of the entries the filter lets through, newest first. */
  public List<AuditEntry> page(final AuditFilter filter, final long offset, final int limit) {
    final MapSqlParameterSource params = params(filter);
    params.addValue("offset", offset).addValue("limit", limit);
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM flowdesk.admin_audit"
            + where(filter)
            + " ORDER BY at DESC, id DESC OFFSET :offset LIMIT :limit",
        params,
        this::entry);
  }

  /**
   * Every entry the filter lets through, newest first, handed over one at a time as read (in a
   * read-only transaction: only there does PostgreSQL's driver fetch rows in batches).
   */
  @Transactional(readOnly = true)
  public void each(final AuditFilter filter, final Consumer<AuditEntry> consumer) {
    jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM flowdesk.admin_audit"
            + where(filter)
            + " ORDER BY at DESC, id DESC",
        params(filter),
        row -> {
          consumer.accept(entry(row, 0));
        });
  }

  /**
   * Entries a person did or that were done to them: the actor is the username, or the target names
   * it ({@code user:alice}); oldest first.
   */
  public List<AuditEntry> involving(final String username) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM flowdesk.admin_audit WHERE actor = :username OR target = :username"
            + " OR (position(':' IN target) > 0 AND split_part(target, ':', 2) = :username)"
            + " ORDER BY at, id",
        new MapSqlParameterSource("username", username),
        this::entry);
  }

  /**
   * Replaces each of a person's identifiers (username, name, email) by the pseudonym wherever the
   * trail holds it as a whole value: actor, the name in a target, before/after values. The actions,
   * times and everyone else's entries stay as they were.
   *
   * @return how many entries changed
   */
  public int pseudonymise(final Collection<String> identifiers, final String pseudonym) {
    final Integer changed =
        jdbc.queryForObject(
            "SELECT flowdesk.pseudonymise_admin_audit(CAST(:identifiers AS text[]), :pseudonym)",
            new MapSqlParameterSource()
                .addValue("identifiers", identifiers.toArray(String[]::new))
                .addValue("pseudonym", pseudonym),
            Integer.class);
    return changed == null ? 0 : changed;
  }

  private static String where(final AuditFilter filter) {
    final List<String> conditions = new ArrayList<>();
    if (filter.actor() != null) {
      conditions.add("actor = :actor");
    }
    if (filter.action() != null) {
      conditions.add("action = :action");
    }
    if (filter.target() != null) {
      conditions.add("target = :target");
    }
    if (filter.from() != null) {
      conditions.add("at >= :from");
    }
    if (filter.to() != null) {
      conditions.add("at < :to");
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static MapSqlParameterSource params(final AuditFilter filter) {
    return new MapSqlParameterSource()
        .addValue("actor", filter.actor())
        .addValue("action", filter.action())
        .addValue("target", filter.target())
        .addValue("from", timestamp(filter.from()))
        .addValue("to", timestamp(filter.to()));
  }

  private static OffsetDateTime timestamp(final Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private AuditEntry entry(final ResultSet row, final int n) throws SQLException {
    return new AuditEntry(
        row.getLong("id"),
        row.getObject("at", OffsetDateTime.class).toInstant(),
        row.getString("actor"),
        row.getString("action"),
        row.getString("target"),
        fields(row.getString("before")),
        fields(row.getString("after")));
  }

  private Map<String, Object> fields(final String text) {
    try {
      return json.readValue(text, FIELDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("admin_audit holds JSON that does not parse", e);
    }
  }

  private String text(final Map<String, Object> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "an admin action's fields cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
