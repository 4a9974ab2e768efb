package io.flowdesk.engine.feel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.ConstNumber;
import org.camunda.feel.syntaxtree.EveryItem;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.For;
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.IterationContext;
import org.camunda.feel.syntaxtree.PathExpression;
import org.camunda.feel.syntaxtree.Ref;
import org.camunda.feel.syntaxtree.SomeItem;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.Tuple2;
import scala.collection.immutable.List;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The FEEL interpreter, bounded by {@link FeelLimits}. The interpreter evaluates every node of an
 * expression through {@link #eval}, recursively: each operand, each iteration of a loop, each call
 * of a function defined in FEEL, each item a filter tests. So each node is one step of the {@link
 * FeelBudget}: the clock is checked between steps and a step fails once the time is up, which
 * unwinds the whole evaluation on its own thread, without a second thread to stop it.
 *
 * <p>Sizes are checked where values are built, not where they are read: a node's value is checked
 * unless the node reads a variable or one of its properties, so a large variable can still be
 * passed on, but no evaluation builds a larger list, context or string. The few steps that build a
 * large value inside one node are checked before they run: a range {@code a..b} of a {@code for}
 * (FEEL materialises it at once) and the combinations of a {@code for}, {@code some} or {@code
 * every} over several lists.
 *
 * <p>Regular expressions of the built-in functions are run once within the budget before the
 * function runs them ({@link RegexProbe}). Otherwise what one node does in a single step is not
 * interrupted: a built-in function ({@code string join} of a long list of long strings, {@code
 * distinct values} of a huge variable) runs to its end before the next step fails.
 */
final class BoundedInterpreter extends FeelInterpreter {

  private final FeelLimits limits;

  BoundedInterpreter(final ValueMapper valueMapper, final FeelLimits limits) {
    super(valueMapper);
    this.limits = limits;
  }

  @Override
  public Val eval(final Exp expression, final EvalContext context) {
    final FeelBudget budget = FeelBudget.current();
    if (budget != null) {
      return step(budget, expression, context);
    }
    // Evaluations whose caller opened no budget (dmn-scala's own, for instance) get one each.
    final FeelBudget own = FeelBudget.open(limits);
    try {
      return step(own, expression, context);
    } finally {
      own.close();
    }
  }

  private Val step(final FeelBudget budget, final Exp expression, final EvalContext context) {
    budget.step();
    if (expression instanceof IterationContext range) {
      return range(budget, range, context);
    }
    if (expression instanceof For loop) {
      checkCombinations(budget, loop.iterators(), context);
    } else if (expression instanceof SomeItem some) {
      checkCombinations(budget, some.iterators(), context);
    } else if (expression instanceof EveryItem every) {
      checkCombinations(budget, every.iterators(), context);
    } else if (expression instanceof FunctionInvocation call) {
      RegexProbe.probe(budget, call, argument -> eval(argument, context));
    }
    final Val value = super.eval(expression, context);
    if (!(expression instanceof Ref) && !(expression instanceof PathExpression)) {
      budget.checkSize(value);
    }
    return value;
  }

  /**
   * {@code for x in a..b}: FEEL builds every number from a to b before the first iteration, in one
   * step, so the count is checked first. The bounds are evaluated once and handed on as constants.
   */
  private Val range(
      final FeelBudget budget, final IterationContext range, final EvalContext context) {
    final Val start = eval(range.start(), context);
    final Val end = eval(range.end(), context);
    if (!(start instanceof ValNumber from) || !(end instanceof ValNumber to)) {
      // Not numbers: FEEL's own evaluation reports the problem.
      return super.eval(range, context);
    }
    budget.checkItems(
        rangeSize(from.value(), to.value()), "the range " + from.value() + ".." + to.value());
    return super.eval(
        new IterationContext(new ConstNumber(from.value()), new ConstNumber(to.value())), context);
  }

  /**
   * A {@code for}, {@code some} or {@code every} over several lists first builds every combination
   * of their items, in one step; the lists are evaluated here to count them. They are evaluated
   * again by FEEL afterwards, which only costs what evaluating them once costs.
   */
  private void checkCombinations(
      final FeelBudget budget,
      final List<Tuple2<String, Exp>> iterators,
      final EvalContext context) {
    if (iterators.lengthCompare(1) <= 0) {
      return;
    }
    long combinations = 1;
    for (final Tuple2<String, Exp> iterator : CollectionConverters.asJava(iterators)) {
      if (!(eval(iterator._2(), context) instanceof ValList list)) {
        return;
      }
      combinations = saturatedMultiply(combinations, list.items().size());
    }
    budget.checkItems(combinations, "the combinations of a loop over several lists");
  }

  /** How many numbers FEEL's {@code from..to} holds: it steps by one, up or down. */
  static long rangeSize(final scala.math.BigDecimal from, final scala.math.BigDecimal to) {
    final BigDecimal steps =
        to.bigDecimal().subtract(from.bigDecimal()).abs().setScale(0, RoundingMode.FLOOR);
    return steps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE - 1)) >= 0
        ? Long.MAX_VALUE
        : steps.longValueExact() + 1;
  }

  private static long saturatedMultiply(final long a, final long b) {
    final long product = a * b;
    return b != 0 && (product / b != a || product < 0) ? Long.MAX_VALUE : product;
  }
}
