package io.flowdesk.connectors.etl.load;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** How staged rows travel in the {@code COPY ... FROM STDIN} stream, one line at a time. */
interface StagingEncoder {

  /**
   * PostgreSQL's binary format when every staging column has a type and value class it covers (see
   * {@link BinaryCopyEncoder}), otherwise CSV text.
   *
   * @param stagingTypes the staging columns' types as {@code format_type} spells them, the source
   *     line's column excluded
   * @param valueClasses the class of every non-null value of each of these columns
   */
  static StagingEncoder choose(final List<String> stagingTypes, final List<Class<?>> valueClasses) {
    final BinaryCopyEncoder binary = BinaryCopyEncoder.forColumns(stagingTypes, valueClasses);
    return binary != null ? binary : new CopyEncoder();
  }

  /** The options of the {@code COPY} statement, e.g. {@code (FORMAT csv)}. */
  String copyOptions();

  /** Writes what comes before the first line. */
  void begin(OutputStream out) throws IOException;

  /**
   * Encodes {@code values} and {@code line} (the staging table's last column) as the current line,
   * replacing the one before.
   *
   * @throws IllegalArgumentException for a value PostgreSQL cannot store (text with a NUL
   *     character); nothing of the row is written then
   */
  void encode(Object[] values, long line);

  /** Writes the current line. */
  void writeTo(OutputStream out) throws IOException;

  /** Writes what comes after the last line. */
  void end(OutputStream out) throws IOException;
}
