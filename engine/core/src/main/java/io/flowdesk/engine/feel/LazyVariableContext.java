package io.flowdesk.engine.feel;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import scala.Option;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Root FEEL context that asks the caller for each variable only when the expression reads it, so
 * scopes with many or large variables are never copied into the engine up front.
 */
final class LazyVariableContext extends CustomContext {

  private final VariableProvider provider;

  LazyVariableContext(final Function<String, Optional<Object>> variables) {
    this.provider = new Provider(variables);
  }

  @Override
  public VariableProvider variableProvider() {
    return provider;
  }

  private static final class Provider implements VariableProvider {

    // Names are not enumerable without loading every scope; FEEL only needs keys() for
    // whole-context
    // operations, which the root context never takes part in.
    private static final Iterable<String> NO_KEYS = CollectionConverters.asScala(List.<String>of());

    private final Function<String, Optional<Object>> variables;

    Provider(final Function<String, Optional<Object>> variables) {
      this.variables = variables;
    }

    @Override
    public Option<Object> getVariable(final String name) {
      final Optional<Object> value = variables.apply(name);
      // A missing variable is Option.empty(): FEEL then evaluates it to null with a warning,
      // which is Zeebe's behaviour.
      return value == null || value.isEmpty() ? Option.empty() : Option.apply(value.get());
    }

    @Override
    public Iterable<String> keys() {
      return NO_KEYS;
    }
  }
}
