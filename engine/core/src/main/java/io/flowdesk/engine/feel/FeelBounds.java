package io.flowdesk.engine.feel;

import java.lang.reflect.Field;
import java.util.function.Supplier;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.api.FeelEngineApi;

/**
 * Applies {@link FeelLimits} to a FEEL engine, the engine's own or one that dmn-scala builds, and
 * runs evaluations within them.
 */
public final class FeelBounds {

  private final FeelLimits limits;

  public FeelBounds(final FeelLimits limits) {
    this.limits = limits;
  }

  public FeelLimits limits() {
    return limits;
  }

  /**
   * Makes {@code feel} evaluate through the {@link BoundedInterpreter}. The FEEL engine builds its
   * interpreter itself and offers no way to hand it another one, so the field is replaced, once,
   * before the engine is used; a feel-engine version without that field fails here, at start-up,
   * rather than run unbounded.
   */
  public FeelEngineApi install(final FeelEngineApi feel) {
    final FeelEngine engine = (FeelEngine) read(FeelEngineApi.class, "engine", feel);
    write(
        FeelEngine.class,
        "interpreter",
        engine,
        new BoundedInterpreter(engine.valueMapper(), limits));
    return feel;
  }

  /**
   * Runs one evaluation (of an expression, or of a decision with all its expressions) within the
   * limits together.
   *
   * @throws FeelLimitExceeded when it ran past one of them, even if the FEEL engine made a result
   *     of the failure
   */
  public <T> T enforce(final Supplier<T> evaluation) {
    if (FeelBudget.current() != null) {
      // Part of an evaluation that is already bounded.
      return evaluation.get();
    }
    final FeelBudget budget = FeelBudget.open(limits);
    try {
      final T result = evaluation.get();
      if (budget.exceeded() != null) {
        throw new FeelLimitExceeded(budget.exceeded());
      }
      return result;
    } finally {
      budget.close();
    }
  }

  private static Object read(final Class<?> type, final String name, final Object target) {
    try {
      return accessible(type, name).get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw unsupported(type, name, e);
    }
  }

  private static void write(
      final Class<?> type, final String name, final Object target, final Object value) {
    try {
      accessible(type, name).set(target, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw unsupported(type, name, e);
    }
  }

  private static Field accessible(final Class<?> type, final String name)
      throws NoSuchFieldException {
    final Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  private static IllegalStateException unsupported(
      final Class<?> type, final String name, final Exception cause) {
    return new IllegalStateException(
        "Cannot bound FEEL evaluation: "
            + type.getName()
            + " has no field '"
            + name
            + "' to replace in this feel-engine version",
        cause);
  }
}
