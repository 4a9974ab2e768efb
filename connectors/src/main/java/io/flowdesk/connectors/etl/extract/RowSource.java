package io.flowdesk.connectors.etl.extract;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A stream of source records, read lazily: a source holds at most a buffer or a page in memory,
 * never its whole input. Problems with the input surface from {@link #hasNext()} and {@link
 * #next()} as {@link io.flowdesk.connectors.etl.EtlException}s that name the location.
 *
 * <p>The caller opens the source and closes it (it holds a file, a socket or a database cursor).
 */
public interface RowSource extends Iterator<SourceRow>, AutoCloseable {

  /** Column names of the records, known once the source is open. */
  List<String> columns();

  /**
   * For incremental sources, the highest watermark read so far (or the one the run started from
   * when nothing newer was read); empty for sources without one.
   */
  default Optional<Object> watermark() {
    return Optional.empty();
  }

  @Override
  void close();
}
