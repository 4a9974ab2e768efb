package io.flowdesk.workers.change;

import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeNotFoundException;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** What the change workers share: the job's change and its coded inputs. */
final class ChangeJobs {

  /** The variables every change job fetches at least. */
  static final String NUMBER = "changeNumber";

  private ChangeJobs() {}

  /**
   * The change of input {@code changeNumber}; an unknown one fails the job (retried, then an
   * incident), since the record may be committed a moment after the process started.
   */
  static Change change(final ChangeRecords records, final JobInputs inputs) {
    final String number = inputs.text(NUMBER);
    return records.findByNumber(number).orElseThrow(() -> new ChangeNotFoundException(number));
  }

  /** A required coded input: the variable, else the task header of the same name. */
  static <T> T coded(
      final JobInputs inputs,
      final String name,
      final Function<String, Optional<T>> parse,
      final String allowed) {
    final String value =
        inputs
            .optionalText(name)
            .or(() -> inputs.header(name))
            .orElseThrow(
                () ->
                    new InvalidJobInputException(
                        "input '"
                            + name
                            + "' is missing (a variable or the task header '"
                            + name
                            + "')"));
    return parse
        .apply(value.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new InvalidJobInputException(
                    "input '" + name + "' must be one of " + allowed + "; was " + value));
  }
}
