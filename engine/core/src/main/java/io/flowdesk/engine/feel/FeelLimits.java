package io.flowdesk.engine.feel;

import java.time.Duration;

/**
 * How much one FEEL evaluation may take ({@code flowdesk.engine.feel.*}). FEEL has loops ({@code
 * for}, {@code some}, {@code every}, ranges and functions defined in FEEL), so an expression from a
 * model or a request can run for minutes or fill the heap; these bounds turn that into a failure
 * naming the bound.
 *
 * @param timeout how long one evaluation may run (a decision: all of its expressions together)
 * @param maxItems the most items a list, entries a context, or combinations a {@code for}/{@code
 *     some}/{@code every} over several lists that an evaluation builds may have
 * @param maxStringLength the most characters a string that an evaluation builds may have
 */
public record FeelLimits(Duration timeout, int maxItems, int maxStringLength) {

  /** One second, 100,000 items, 1,000,000 characters. */
  public static final FeelLimits DEFAULT = new FeelLimits(null, 0, 0);

  /** Unset values (as Spring binds an absent {@code flowdesk.engine.feel}) take the defaults. */
  public FeelLimits {
    if (timeout == null) {
      timeout = Duration.ofSeconds(1);
    }
    if (maxItems == 0) {
      maxItems = 100_000;
    }
    if (maxStringLength == 0) {
      maxStringLength = 1_000_000;
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "flowdesk.engine.feel.timeout must be positive, but was " + timeout);
    }
    if (maxItems < 0 || maxStringLength < 0) {
      throw new IllegalArgumentException(
          "flowdesk.engine.feel.max-items and max-string-length must be positive, but were "
              + maxItems
              + " and "
              + maxStringLength);
    }
  }

  /** "1 s", "250 ms": how the timeout reads in failure messages. */
  String readableTimeout() {
    final long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
