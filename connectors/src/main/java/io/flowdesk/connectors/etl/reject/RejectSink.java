package io.flowdesk.connectors.etl.reject;

/**
 * Where rejected rows go. Rejects are written as they are found and kept even when the run then
 * fails (for example on the reject threshold): they are what explains the failure.
 */
public interface RejectSink extends AutoCloseable {

  /** Records one reject. */
  void accept(Reject reject);

  /** Makes every reject accepted so far durable; called by the run before it returns or fails. */
  void flush();

  /** Where rejects go, for error messages (a path, a table name). */
  String describe();

  @Override
  void close();

  /** Counts rejects only; the run's statistics and threshold still see them. */
  static RejectSink discard() {
    return new RejectSink() {
      @Override
      public void accept(final Reject reject) {
        // Counting happens in the run; nothing is kept on purpose.
      }

      @Override
      public void flush() {
        // Nothing is buffered.
      }

      @Override
      public String describe() {
        return "nowhere (rejects are discarded)";
      }

      @Override
      public void close() {
        // Nothing is held.
      }
    };
  }
}
