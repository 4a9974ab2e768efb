package io.flowdesk.engine.feel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValContext;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValString;

/**
 * What is left of one evaluation's {@link FeelLimits}, kept per thread because the FEEL engine
 * evaluates on its caller's thread and offers no per-evaluation state of its own. Once a bound is
 * hit it stays hit: every later step fails too, so an evaluation whose failure a built-in function
 * swallowed still stops at its next step, and its caller still learns why.
 *
 * <p>Time is the evaluating thread's CPU time where the JVM measures it (wall-clock time
 * otherwise): what the bound protects is the CPU, and on a busy machine an evaluation that waits
 * for a core must not be charged for it, or ordinary expressions would become incidents under load.
 */
final class FeelBudget {

  private static final ThreadLocal<FeelBudget> CURRENT = new ThreadLocal<>();

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME =
      THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

  // Reading the clock costs about as much as a few small steps; every 64th step is often enough for
  // a bound of milliseconds.
  private static final int CLOCK_EVERY_STEPS = 64;

  private final FeelLimits limits;
  private final long deadline;
  private int steps;
  private String exceeded;

  private FeelBudget(final FeelLimits limits) {
    this.limits = limits;
    this.deadline = now() + limits.timeout().toNanos();
  }

  /** The budget of the evaluation running on this thread; null when none is open. */
  static FeelBudget current() {
    return CURRENT.get();
  }

  /** Opens a budget for an evaluation on this thread; {@link #close()} it when it ends. */
  static FeelBudget open(final FeelLimits limits) {
    final FeelBudget budget = new FeelBudget(limits);
    CURRENT.set(budget);
    return budget;
  }

  void close() {
    CURRENT.remove();
  }

  /** The bound the evaluation ran past; null while it is within them. */
  String exceeded() {
    return exceeded;
  }

  /** One step of the evaluation: fails once the time is up or a bound was hit before. */
  void step() {
    if (exceeded != null) {
      throw new FeelLimitExceeded(exceeded);
    }
    if (++steps % CLOCK_EVERY_STEPS == 0 && now() - deadline > 0) {
      exceed("FEEL evaluation exceeded " + limits.readableTimeout());
    }
  }

  /**
   * Fails when {@code count} items (of a range, or combinations of lists) are too many to build.
   */
  void checkItems(final long count, final String what) {
    if (count > limits.maxItems()) {
      exceed(
          "FEEL evaluation would build "
              + what
              + " of more than "
              + limits.maxItems()
              + " items ("
              + count
              + ")");
    }
  }

  /** Fails when a value the evaluation built is larger than the bounds allow. */
  void checkSize(final Val value) {
    if (value instanceof ValString string && string.value().length() > limits.maxStringLength()) {
      exceed(
          "FEEL evaluation built a string of more than "
              + limits.maxStringLength()
              + " characters");
    } else if (value instanceof ValList list && list.items().lengthCompare(limits.maxItems()) > 0) {
      exceed("FEEL evaluation built a list of more than " + limits.maxItems() + " items");
    } else if (value instanceof ValContext context
        && context.context().variableProvider().getVariables().size() > limits.maxItems()) {
      exceed("FEEL evaluation built a context of more than " + limits.maxItems() + " entries");
    }
  }

  private static long now() {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private void exceed(final String bound) {
    exceeded = bound;
    throw new FeelLimitExceeded(bound);
  }
}
