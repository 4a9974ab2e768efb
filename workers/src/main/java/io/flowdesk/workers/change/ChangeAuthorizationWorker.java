package io.flowdesk.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:change-authorization}: records on the change of {@code changeNumber}
 * the outcome of its authorization, and who decided what as a journal comment.
 *
 * <p>Inputs: {@code decision} ({@code approved}/{@code rejected}), {@code authority} (who
 * authorizes, e.g. "CAB"), optional {@code decisions} (the approval building block's list of {@code
 * {approver, decision, comment}}) or {@code decidedBy} and {@code comment} (one person's decision,
 * e.g. the change manager's). Result variable {@code changeAuthorization} ({@code approved}/{@code
 * rejected}), on which the models branch. Bad input is BPMN error {@code
 * FLOWDESK_CHANGE_INVALID_INPUT}.
 */
public class ChangeAuthorizationWorker {

  public static final String TYPE = "flowdesk:change-authorization";

  private final ChangeRecords records;
  private final JobOutcomes outcomes;

  public ChangeAuthorizationWorker(final ChangeRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("change", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {
        ChangeJobs.NUMBER,
        "decision",
        "authority",
        "decisions",
        "decidedBy",
        "comment"
      })
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::record);
  }

  public Map<String, Object> record(final JobInputs inputs) {
    final Authorization outcome =
        ChangeJobs.coded(
            inputs,
            "decision",
            decision ->
                switch (decision) {
                  case "approved", "approve" -> Optional.of(Authorization.APPROVED);
                  case "rejected", "reject" -> Optional.of(Authorization.REJECTED);
                  default -> Optional.empty();
                },
            "approved, rejected");
    records.authorize(
        ChangeJobs.change(records, inputs).id(),
        outcome,
        summary(inputs, outcome),
        Actor.job(inputs.jobKey()));
    return Map.of("changeAuthorization", outcome.name().toLowerCase(Locale.ROOT));
  }

  /** "CAB: approved. carl approved: Fine with me. dora approved." */
  private static String summary(final JobInputs inputs, final Authorization outcome) {
    final StringBuilder text =
        new StringBuilder(inputs.optionalText("authority").orElse("Authorization"))
            .append(": ")
            .append(outcome == Authorization.APPROVED ? "approved" : "rejected")
            .append('.');
    final Object decisions = inputs.raw("decisions");
    if (decisions instanceof Collection<?> list) {
      for (final Object item : list) {
        if (!(item instanceof Map<?, ?> decision)) {
          throw new InvalidJobInputException(
              "input 'decisions' must be a list of {approver, decision, comment}; had " + item);
        }
        line(text, decision.get("approver"), decision.get("decision"), decision.get("comment"));
      }
    } else if (decisions != null) {
      throw new InvalidJobInputException("input 'decisions' must be a list, was " + decisions);
    }
    final Object comment = inputs.raw("comment");
    inputs
        .optionalText("decidedBy")
        .ifPresentOrElse(
            person -> line(text, person, outcome.name().toLowerCase(Locale.ROOT), comment),
            () -> sentence(text, comment));
    return text.toString();
  }

  private static void line(
      final StringBuilder text, final Object who, final Object decision, final Object comment) {
    text.append(' ').append(who).append(' ').append(decision);
    if (comment != null && !String.valueOf(comment).isBlank()) {
      text.append(": ").append(String.valueOf(comment).strip());
    }
    if (!endsASentence(text)) {
      text.append('.');
    }
  }

  private static void sentence(final StringBuilder text, final Object comment) {
    if (comment != null && !String.valueOf(comment).isBlank()) {
      text.append(' ').append(String.valueOf(comment).strip());
    }
  }

  private static boolean endsASentence(final CharSequence text) {
    final char last = text.charAt(text.length() - 1);
    return last == '.' || last == '!' || last == '?';
  }
}
