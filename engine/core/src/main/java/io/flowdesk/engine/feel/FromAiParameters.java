package io.flowdesk.engine.feel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.feel.syntaxtree.ConstString;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.NamedFunctionParameters;
import org.camunda.feel.syntaxtree.PathExpression;
import org.camunda.feel.syntaxtree.PositionalFunctionParameters;
import org.camunda.feel.syntaxtree.Ref;
import scala.Product;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The parameters the {@code fromAi(...)} calls of a FEEL expression describe, as Camunda 8.8's
 * {@code adHocSubProcessElements} lists them for each tool: {@code name} (the last segment of the
 * value's reference, e.g. {@code url} for {@code toolCall.url}, as the AI Agent documentation names
 * a parameter), and, when given, {@code description}, {@code type}, {@code schema} and {@code
 * options}. A call whose value is no reference describes no parameter. The tree is walked through
 * Scala's {@link Product} (every FEEL syntax node is a case class), so any node kind is searched.
 */
final class FromAiParameters {

  private static final List<String> ARGUMENTS =
      List.of("value", "description", "type", "schema", "options");

  private final Function<Exp, Object> constants;
  private final List<Map<String, Object>> found = new ArrayList<>();

  /**
   * @param constants evaluates a constant argument (a schema or options context)
   */
  private FromAiParameters(final Function<Exp, Object> constants) {
    this.constants = constants;
  }

  static List<Map<String, Object>> of(final Exp expression, final Function<Exp, Object> constants) {
    final FromAiParameters parameters = new FromAiParameters(constants);
    parameters.walk(expression);
    return List.copyOf(parameters.found);
  }

  private void walk(final Object node) {
    if (node instanceof FunctionInvocation call && FromAiFunction.NAME.equals(call.function())) {
      describe(arguments(call)).ifPresent(found::add);
    }
    if (node instanceof Product product) {
      CollectionConverters.asJava(product.productIterator()).forEachRemaining(this::walk);
    } else if (node instanceof scala.collection.Iterable<?> items) {
      CollectionConverters.asJava(items.iterator()).forEachRemaining(this::walk);
    }
  }

  /** The call's arguments by parameter name, positional ones named by their position. */
  private static Map<String, Exp> arguments(final FunctionInvocation call) {
    final Map<String, Exp> byName = new LinkedHashMap<>();
    if (call.params() instanceof PositionalFunctionParameters positional) {
      final List<Exp> values = CollectionConverters.asJava(positional.params());
      for (int i = 0; i < values.size() && i < ARGUMENTS.size(); i++) {
        byName.put(ARGUMENTS.get(i), values.get(i));
      }
    } else if (call.params() instanceof NamedFunctionParameters named) {
      byName.putAll(CollectionConverters.asJava(named.params()));
    }
    return byName;
  }

  private Optional<Map<String, Object>> describe(final Map<String, Exp> arguments) {
    final String name = referenceName(arguments.get("value"));
    if (name == null) {
      return Optional.empty();
    }
    final Map<String, Object> parameter = new LinkedHashMap<>();
    parameter.put("name", name);
    for (final String text : List.of("description", "type")) {
      if (arguments.get(text) instanceof ConstString constant) {
        parameter.put(text, constant.value());
      }
    }
    for (final String context : List.of("schema", "options")) {
      if (arguments.containsKey(context)
          && constants.apply(arguments.get(context)) instanceof Map<?, ?> value) {
        parameter.put(context, value);
      }
    }
    return Optional.of(parameter);
  }

  private static String referenceName(final Exp value) {
    if (value instanceof Ref ref && !ref.names().isEmpty()) {
      return ref.names().last();
    }
    if (value instanceof PathExpression path) {
      return path.key();
    }
    return null;
  }
}
