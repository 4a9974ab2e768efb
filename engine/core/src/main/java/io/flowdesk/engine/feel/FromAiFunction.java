package io.flowdesk.engine.feel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.feel.context.JavaFunction;
import org.camunda.feel.context.JavaFunctionProvider;

/**
 * Camunda's {@code fromAi(value, description?, type?, schema?, options?)} FEEL function (8.8, "AI
 * agent functions"): it answers its value unchanged. The other arguments only describe the value
 * for an AI integration (the AI Agent connector builds a tool's input schema from them; the engine
 * lists them in {@code adHocSubProcessElements}), so evaluation ignores them. One overload per set
 * of arguments that includes the value (in the documented order), so that named arguments ({@code
 * fromAi(value: x, type: "number")}) find one with exactly theirs; positional calls find the one of
 * their arity that lists the arguments in order, which comes first.
 */
final class FromAiFunction extends JavaFunctionProvider {

  static final String NAME = "fromAi";

  private static final List<String> PARAMETERS =
      List.of("value", "description", "type", "schema", "options");

  private static final List<JavaFunction> OVERLOADS = overloads();

  /** The value plus each subset of the other four, by size, the prefix of each size first. */
  private static List<JavaFunction> overloads() {
    final List<List<String>> parameterLists = new ArrayList<>();
    final int optional = PARAMETERS.size() - 1;
    for (int mask = 0; mask < (1 << optional); mask++) {
      final List<String> parameters = new ArrayList<>();
      parameters.add(PARAMETERS.get(0));
      for (int i = 0; i < optional; i++) {
        if ((mask & (1 << i)) != 0) {
          parameters.add(PARAMETERS.get(i + 1));
        }
      }
      parameterLists.add(List.copyOf(parameters));
    }
    parameterLists.sort(
        Comparator.<List<String>>comparingInt(List::size)
            .thenComparing(
                parameters -> !parameters.equals(PARAMETERS.subList(0, parameters.size()))));
    return parameterLists.stream()
        .map(parameters -> new JavaFunction(parameters, args -> args.get(0)))
        .toList();
  }

  @Override
  public Optional<JavaFunction> resolveFunction(final String functionName) {
    return NAME.equals(functionName) ? Optional.of(OVERLOADS.get(0)) : Optional.empty();
  }

  @Override
  public List<JavaFunction> resolveFunctions(final String functionName) {
    return NAME.equals(functionName) ? OVERLOADS : List.of();
  }

  @Override
  public Collection<String> getFunctionNames() {
    return List.of(NAME);
  }
}
