package io.flowdesk.bench.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A year of process instances written straight into the engine's tables with {@code COPY}, as
 * copies of template instances that the running engine itself took through their lives (so every
 * row and every record log entry has the shape the engine writes). A copy gets its own keys from a
 * block reserved in the engine's key sequence (so the engine never hands them out again), its own
 * start time, and its own value of the template's marker variable.
 */
final class InstanceHistory {

  /** Keys are partition 1's: the partition id sits above bit 51 ({@code engine.support.Keys}). */
  private static final long PARTITION_OFFSET = 1L << 51;

  /** The tables an instance's life leaves rows in, each with the column naming its instance. */
  private static final List<String[]> TABLES =
      List.of(
          new String[] {"process_instance", "key"},
          new String[] {"element_instance", "process_instance_key"},
          new String[] {"variable", "process_instance_key"},
          new String[] {"job", "process_instance_key"},
          new String[] {"incident", "process_instance_key"},
          new String[] {"record_batch", "process_instance_key"});

  /** A timestamp as COPY writes it in UTC, a key (16 digits and more), or the marker. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?\\+00)|(\\d{16,19})|("
              + OperateBenchmark.MARKER
              + ")");

  private static final DateTimeFormatter COPY_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
          .optionalEnd()
          .appendLiteral("+00")
          .toFormatter();

  private InstanceHistory() {}

  /** An instance the engine ran, as COPY text per table, cut into literal text and tokens. */
  record Template(
      String kind,
      String process,
      List<List<Object>> tables,
      long firstKey,
      long span,
      long instanceKey) {}

  /** A key to shift, a time to shift, or the marker to replace; the rest is literal text. */
  private record KeyToken(long key) {}

  private record TimeToken(long epochMicros) {}

  private record MarkerToken() {}

  /** Reads the rows of {@code processInstanceKey}: keys above {@code lastDefinitionKey} move. */
  static Template template(
      final Connection db,
      final String kind,
      final String process,
      final long processInstanceKey,
      final long lastDefinitionKey)
      throws SQLException, IOException {
    final List<List<Object>> tables = new ArrayList<>();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    try (Statement utc = db.createStatement()) {
      utc.execute("SET TIME ZONE 'UTC'");
    }
    for (final String[] table : TABLES) {
      final StringWriter text = new StringWriter();
      ((PGConnection) db)
          .getCopyAPI()
          .copyOut(
              "COPY (SELECT "
                  + columns(db, table[0])
                  + " FROM engine."
                  + table[0]
                  + " WHERE "
                  + table[1]
                  + " = "
                  + processInstanceKey
                  + " ORDER BY 1) TO STDOUT",
              text);
      final List<Object> parts = new ArrayList<>();
      final String copy = text.toString();
      final Matcher token = TOKEN.matcher(copy);
      int end = 0;
      while (token.find()) {
        final Object part;
        if (token.group(1) != null) {
          part =
              new TimeToken(
                  micros(LocalDateTime.parse(token.group(1), COPY_TIME).toInstant(ZoneOffset.UTC)));
        } else if (token.group(2) != null) {
          final long key = Long.parseLong(token.group(2));
          if (key <= lastDefinitionKey || key < PARTITION_OFFSET) {
            continue;
          }
          min = Math.min(min, key);
          max = Math.max(max, key);
          part = new KeyToken(key);
        } else {
          part = new MarkerToken();
        }
        parts.add(copy.substring(end, token.start()));
        parts.add(part);
        end = token.end();
      }
      parts.add(copy.substring(end));
      tables.add(parts);
    }
    return new Template(kind, process, tables, min, max - min + 1, processInstanceKey);
  }

  /** The table's columns but a generated record position, in order. */
  private static String columns(final Connection db, final String table) throws SQLException {
    final List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'engine'"
                    + " AND table_name = '"
                    + table
                    + "' ORDER BY ordinal_position")) {
      while (rs.next()) {
        if (!(table.equals("record_batch") && rs.getString(1).equals("position"))) {
          names.add(rs.getString(1));
        }
      }
    }
    return String.join(", ", names);
  }

  /**
   * Reserves {@code keys} keys of the engine's sequence: the engine's next block starts after them.
   *
   * @return the first reserved key
   */
  static long reserveKeys(final Connection db, final long keys) throws SQLException {
    try (Statement statement = db.createStatement()) {
      long first;
      try (ResultSet rs = statement.executeQuery("SELECT nextval('engine.key_seq')")) {
        rs.next();
        first = rs.getLong(1);
      }
      statement.execute("SELECT setval('engine.key_seq', " + (first + keys + 100) + ")");
      return PARTITION_OFFSET + first;
    }
  }

  /** One copy: which template, its first key, its start, its marker value. */
  record Copy(Template template, long firstKey, Instant start, long marker) {}

  /** Writes every copy's rows, table by table, each table in one COPY. */
  static void write(final Connection db, final List<Copy> copies) throws SQLException {
    for (int t = 0; t < TABLES.size(); t++) {
      final String table = TABLES.get(t)[0];
      final CopyIn in =
          ((PGConnection) db)
              .getCopyAPI()
              .copyIn("COPY engine." + table + " (" + columns(db, table) + ") FROM STDIN");
      final StringBuilder chunk = new StringBuilder(1 << 20);
      for (final Copy copy : copies) {
        append(chunk, copy, t);
        if (chunk.length() > (1 << 20)) {
          flush(in, chunk);
        }
      }
      flush(in, chunk);
      in.endCopy();
    }
  }

  private static void append(final StringBuilder out, final Copy copy, final int table) {
    final Template template = copy.template();
    final long keyShift = copy.firstKey() - template.firstKey();
    final long timeShift = micros(copy.start()) - templateStart(template);
    for (final Object part : template.tables().get(table)) {
      if (part instanceof String text) {
        out.append(text);
      } else if (part instanceof KeyToken key) {
        out.append(key.key() + keyShift);
      } else if (part instanceof TimeToken time) {
        final long micros = time.epochMicros() + timeShift;
        out.append(
            COPY_TIME.format(
                LocalDateTime.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000),
                    (int) Math.floorMod(micros, 1_000_000) * 1000,
                    ZoneOffset.UTC)));
      } else {
        out.append(copy.marker());
      }
    }
  }

  /** The template's first time: its process instance row's start. */
  private static long templateStart(final Template template) {
    for (final Object part : template.tables().get(0)) {
      if (part instanceof TimeToken time) {
        return time.epochMicros();
      }
    }
    throw new IllegalStateException("template without a start time");
  }

  private static void flush(final CopyIn in, final StringBuilder chunk) throws SQLException {
    final byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    chunk.setLength(0);
  }

  private static long micros(final Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
  }
}
