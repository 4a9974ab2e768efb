package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import java.util.Arrays;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * How the pages show a CI history value: the history keeps environment, status and criticality as
 * the API names them ({@code IN_SERVICE}); people read their labels ("In service"). Templates call
 * it as {@code @cmdbLabels}.
 */
@Component("cmdbLabels")
public class CmdbLabels {

  /** The value of {@code field} as a label, or as stored when it has none; null stays null. */
  public String value(final String field, final String stored) {
    if (stored == null || field == null) {
      return stored;
    }
    return switch (field) {
      case "environment" -> label(stored, Environment.values(), Environment::label);
      case "status" -> label(stored, LifecycleStatus.values(), LifecycleStatus::label);
      case "criticality" -> label(stored, Criticality.values(), Criticality::label);
      default -> stored;
    };
  }

  private static <E extends Enum<E>> String label(
      final String stored, final E[] values, final Function<E, String> label) {
    return Arrays.stream(values)
        .filter(value -> value.name().equals(stored))
        .findFirst()
        .map(label)
        .orElse(stored);
  }
}
