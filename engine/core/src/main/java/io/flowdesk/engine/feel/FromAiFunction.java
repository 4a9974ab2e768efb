package io.flowdesk.engine.feel;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.camunda.feel.context.JavaFunction;
import org.camunda.feel.context.JavaFunctionProvider;

/**
 * Camunda's {@code fromAi(value, description?, type?, schema?, options?)} FEEL function (8.8, "AI
 * agent functions"): it answers its value unchanged. The other arguments only describe the value
 * for an AI integration (the AI Agent connector builds a tool's input schema from them; the engine
 * lists them in {@code adHocSubProcessElements}), so evaluation ignores them. One overload per
 * number of arguments, so that named arguments ({@code fromAi(value: x, type: "number")}) find the
 * shortest overload that has them all.
 */
final class FromAiFunction extends JavaFunctionProvider {

  static final String NAME = "fromAi";

  private static final List<String> PARAMETERS =
      List.of("value", "description", "type", "schema", "options");

  private static final List<JavaFunction> OVERLOADS =
      IntStream.rangeClosed(1, PARAMETERS.size())
          .mapToObj(n -> new JavaFunction(PARAMETERS.subList(0, n), args -> args.get(0)))
          .toList();

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
