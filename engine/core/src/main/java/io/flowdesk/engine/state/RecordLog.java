package io.flowdesk.engine.state;

import io.flowdesk.engine.state.RowsInsert.Column;
import io.flowdesk.engine.support.Json;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Appends to the engine's record log; positions follow insertion order within a transaction. */
public final class RecordLog {

  private static final RowsInsert<PendingRecord> INSERT =
      new RowsInsert<>(
          "record",
          List.of(
              Column.int8("key", PendingRecord::key),
              Column.text("value_type", PendingRecord::valueType),
              Column.text("intent", PendingRecord::intent),
              Column.int8("process_instance_key", PendingRecord::processInstanceKey),
              Column.text("element_id", PendingRecord::elementId),
              Column.text("payload", r -> Json.write(r.payload()))),
          List.of("created_at"));

  private RecordLog() {}

  public static void append(
      final JdbcTemplate batch, final List<PendingRecord> records, final Timestamp now) {
    INSERT.insert(batch, records, now);
  }

  /** Adds the append to a batch of statements sent together. */
  public static void appendTo(
      final StatementBatch batch, final List<PendingRecord> records, final Timestamp now) {
    INSERT.addTo(batch, records, now);
  }
}
