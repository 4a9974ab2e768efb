package io.flowdesk.engine.feel;

import java.util.Optional;
import java.util.function.Function;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.JavaCustomValueMapper;

/**
 * Hands evaluation results back as FEEL {@link Val}s instead of letting the default mapper turn
 * them into Scala collections and {@code java.time} objects; {@link FeelValues} then converts the
 * Vals exactly the way Zeebe writes them into variables. Inputs are left to the default mapper,
 * which already understands Java maps, lists, numbers, strings and booleans.
 */
final class KeepValMapper extends JavaCustomValueMapper {

  @Override
  public Optional<Val> toValue(final Object value, final Function<Object, Val> innerValueMapper) {
    return Optional.empty();
  }

  @Override
  public Optional<Object> unpackValue(
      final Val value, final Function<Val, Object> innerValueMapper) {
    return Optional.of(value);
  }

  @Override
  public int priority() {
    // Above the default mapper, so it never unpacks results itself.
    return 100;
  }
}
