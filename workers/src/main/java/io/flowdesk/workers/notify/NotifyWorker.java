package io.flowdesk.workers.notify;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.approval.ApprovalReplyCodes;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:notify}: tells a person (by username, not by address) on the channels
 * they chose for the notification's kind on their account page ({@link PersonNotifier}). Processes
 * use it for every message to a person; {@code flowdesk:email} stays for fixed addresses (a team's
 * mailbox).
 *
 * <p>Inputs: {@code person} (username) and either {@code template} (a {@link NotificationEvent}'s
 * key, e.g. {@code incident-resolved}) with {@code values} (a FEEL context of the template's
 * variables, e.g. {@code {record: {number: incidentNumber}}}), whose admin-edited template says
 * what the notice says and whose preference group decides the channels; or, as older diagrams do,
 * {@code kind} ({@code MY_RECORD_UPDATES}, {@code APPROVAL_REQUESTS}, ...), {@code subject} and
 * {@code body}. Optional {@code recordToken}. Header {@code resultVariable}: receives {@code
 * {person, channels}}, channels empty when the person wants none or has no address for them (not an
 * error). Bad input is BPMN error {@code FLOWDESK_NOTIFY_INVALID_INPUT}.
 */
public class NotifyWorker {

  public static final String TYPE = "flowdesk:notify";

  /** The {@code zeebe:input} names this worker reads. */
  public static final List<String> INPUTS =
      List.of(
          "person", "template", "values", "kind", "subject", "body", "recordToken", "approvalId");

  private final PersonNotifier notifier;
  private final ApprovalReplyCodes replyCodes;
  private final JobOutcomes outcomes;

  public NotifyWorker(final PersonNotifier notifier, final Duration retryBackoff) {
    this(notifier, null, retryBackoff);
  }

  /**
   * @param replyCodes signs the code an approval mail carries (input {@code approvalId}) so that
   *     its approver may decide by answering the mail; null: no codes
   */
  public NotifyWorker(
      final PersonNotifier notifier,
      final ApprovalReplyCodes replyCodes,
      final Duration retryBackoff) {
    this.notifier = notifier;
    this.replyCodes = replyCodes;
    this.outcomes = new JobOutcomes("notify", retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::notify);
  }

  /** Sends the job's notice on the person's channels. */
  public Map<String, Object> notify(final JobInputs inputs) {
    final String person = inputs.text("person");
    final Optional<String> template = inputs.optionalText("template");
    if (template.isPresent()) {
      final List<String> channels =
          notifier.notify(
              inputs.jobKey(),
              person,
              event(template.get()),
              inputs.object("values"),
              inputs.optionalText("recordToken").orElse(null),
              replyCode(inputs, person));
      return inputs.resultAs(Map.of("person", person, "channels", channels));
    }
    final Notice notice =
        new Notice(
            inputs.text("subject"),
            inputs.text("body"),
            inputs.optionalText("recordToken").orElse(null),
            replyCode(inputs, person));
    final List<String> channels =
        notifier.notify(inputs.jobKey(), person, kind(inputs.text("kind")), notice);
    return inputs.resultAs(Map.of("person", person, "channels", channels));
  }

  /**
   * How to decide an approval by answering its mail, with the code only this person can use: for
   * the mail only, never a shared chat channel or an SMS.
   */
  private String replyCode(final JobInputs inputs, final String person) {
    final Optional<String> approvalId = inputs.optionalText("approvalId");
    if (replyCodes == null || approvalId.isEmpty()) {
      return null;
    }
    final long id;
    try {
      id = Long.parseLong(approvalId.get().strip());
    } catch (NumberFormatException notANumber) {
      throw new InvalidJobInputException(
          "input 'approvalId' must be a number, was " + approvalId.get());
    }
    return "Or answer this mail with approve or reject as its first word (a rejection needs"
        + " your reason after it), keeping this code in the answer: "
        + replyCodes.codeFor(id, person);
  }

  private static NotificationEvent event(final String key) {
    return NotificationEvent.byKey(key.strip())
        .orElseThrow(
            () ->
                new InvalidJobInputException(
                    "input 'template' must be one of "
                        + Arrays.stream(NotificationEvent.values())
                            .map(NotificationEvent::key)
                            .toList()
                        + ", was "
                        + key));
  }

  private static NotificationKind kind(final String text) {
    final String name = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    return Arrays.stream(NotificationKind.values())
        .filter(kind -> kind.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidJobInputException(
                    "input 'kind' must be one of "
                        + Arrays.toString(NotificationKind.values())
                        + ", was "
                        + text));
  }
}
