package io.flowdesk.engine.state;

import io.flowdesk.engine.support.Json;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Appends to the engine's record log; positions follow insertion order within a transaction. */
public final class RecordLog {

  private RecordLog() {}

  public static void append(
      final JdbcTemplate batch, final List<PendingRecord> records, final Timestamp now) {
    if (records.isEmpty()) {
      return;
    }
    batch.batchUpdate(
        "INSERT INTO engine.record (key, value_type, intent, process_instance_key, element_id,"
            + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        records.stream()
            .map(
                r ->
                    new Object[] {
                      r.key(),
                      r.valueType(),
                      r.intent(),
                      r.processInstanceKey(),
                      r.elementId(),
                      Json.write(r.payload()),
                      now
                    })
            .toList(),
        new int[] {
          Types.BIGINT,
          Types.VARCHAR,
          Types.VARCHAR,
          Types.BIGINT,
          Types.VARCHAR,
          Types.VARCHAR,
          Types.TIMESTAMP
        });
  }
}
