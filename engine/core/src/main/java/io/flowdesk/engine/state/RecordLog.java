package io.flowdesk.engine.state;

import io.flowdesk.engine.state.StatementBatch.SqlArray;
import io.flowdesk.engine.support.Json;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends to the engine's record log: a command's records as batches, one row per run of records of
 * the same process instance (see the migration that introduced {@code record_batch}), so that the
 * log keeps the order things happened in while a command costs the database a row or two, not one
 * per record.
 */
public final class RecordLog {

  /**
   * Most records in one batch row: keeps a command that writes thousands of records (a large
   * multi-instance) in rows of a reasonable size, and far below the 2^20 the view allows.
   */
  private static final int MAX_BATCH = 1000;

  private static final String INSERT =
      "INSERT INTO engine.record_batch (process_instance_key, created_at, keys, value_types,"
          + " intents, element_ids, payloads) VALUES (?::bigint, ?, ?, ?, ?, ?, ?)";

  private RecordLog() {}

  public static void append(
      final JdbcTemplate batch, final List<PendingRecord> records, final Timestamp now) {
    final StatementBatch statements = new StatementBatch();
    appendTo(statements, records, now);
    statements.execute(batch);
  }

  /** Adds the append to a batch of statements sent together. */
  public static void appendTo(
      final StatementBatch batch, final List<PendingRecord> records, final Timestamp now) {
    RecordTaps.appended(records);
    int start = 0;
    while (start < records.size()) {
      final Long processInstanceKey = records.get(start).processInstanceKey();
      int end = start + 1;
      while (end < records.size()
          && end - start < MAX_BATCH
          && Objects.equals(records.get(end).processInstanceKey(), processInstanceKey)) {
        end++;
      }
      final List<PendingRecord> run = records.subList(start, end);
      batch.add(
          INSERT,
          processInstanceKey,
          now,
          SqlArray.of("bigint", Long.class, run, PendingRecord::key),
          SqlArray.of("text", String.class, run, PendingRecord::valueType),
          SqlArray.of("text", String.class, run, PendingRecord::intent),
          SqlArray.of("text", String.class, run, PendingRecord::elementId),
          SqlArray.of("text", String.class, run, r -> Json.write(r.payload())));
      start = end;
    }
  }
}
