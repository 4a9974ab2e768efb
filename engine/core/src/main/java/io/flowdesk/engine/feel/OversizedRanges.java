package io.flowdesk.engine.feel;

import java.util.Optional;
import org.camunda.feel.syntaxtree.ConstNumber;
import org.camunda.feel.syntaxtree.IterationContext;
import scala.Product;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Finds a {@code for} range with constant bounds that has more items than an evaluation may build,
 * such as {@code for x in 1..1000000}, so that it is refused when the model is deployed instead of
 * failing each time it runs.
 */
final class OversizedRanges {

  private OversizedRanges() {}

  /** A description of the first such range in a parsed expression; empty when there is none. */
  static Optional<String> find(final Object node, final FeelLimits limits) {
    if (node instanceof IterationContext range
        && range.start() instanceof ConstNumber from
        && range.end() instanceof ConstNumber to) {
      if (BoundedInterpreter.rangeSize(from.value(), to.value()) > limits.maxItems()) {
        return Optional.of(
            "the range "
                + from.value()
                + ".."
                + to.value()
                + " has more than the "
                + limits.maxItems()
                + " items a FEEL evaluation may build");
      }
    }
    // The syntax tree is made of case classes (products) and Scala lists of them.
    final java.util.Iterator<?> children;
    if (node instanceof Product product) {
      children = CollectionConverters.asJava(product.productIterator());
    } else if (node instanceof Iterable<?> items) {
      children = CollectionConverters.asJava(items.iterator());
    } else {
      return Optional.empty();
    }
    while (children.hasNext()) {
      final Optional<String> found = find(children.next(), limits);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
