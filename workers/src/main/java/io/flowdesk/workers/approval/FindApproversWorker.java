package io.flowdesk.workers.approval;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalMode;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.approval.NewApproval;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import io.flowdesk.workers.UnresolvableJobException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Task type {@code flowdesk:approval-approvers} (process {@code flowdesk-approval}): resolves who
 * is asked, drops the requester and whom it is requested for (nobody approves their own request),
 * and opens the approval in the domain.
 *
 * <p>Inputs: the approval's inputs ({@code approvers}, {@code mode}, {@code quorum}, {@code
 * reminderAfter}, {@code expireAfter}, {@code onExpiry}, {@code subject}, {@code requester}, {@code
 * requestedFor}, {@code recordNumber}). Result: {@code approvalId}, {@code rounds} (one list of
 * approver cards per round), {@code required}, {@code rejectionsTolerated}, the counters {@code
 * approvalsGiven}/{@code rejectionsGiven}/{@code abstentionsGiven}, {@code abstention} (what an
 * abstention does in this mode: {@code counts-against}, {@code lowers-required} or {@code
 * ignored}), {@code reminderTimer}/{@code expiryTimer} (ISO-8601; ten years when not asked for),
 * {@code approvalLink} (the approval in the portal), and the optional inputs normalised. Every
 * problem with the inputs or the directory is an incident naming it: the approval never waits
 * silently for nobody.
 */
public class FindApproversWorker {

  public static final String TYPE = "flowdesk:approval-approvers";

  /** The approval's inputs (the "Approval" element template's {@code zeebe:input}s). */
  public static final List<String> INPUTS =
      List.of(
          "approvers",
          "mode",
          "quorum",
          "reminderAfter",
          "expireAfter",
          "onExpiry",
          "subject",
          "requester",
          "requestedFor",
          "recordNumber");

  /** A timer that does not fire in practice: what a reminder or expiry not asked for waits. */
  static final String NEVER = "P3650D";

  private final Approvals approvals;
  private final ApproverDirectory directory;
  private final String portalUrl;
  private final JobOutcomes outcomes;

  /**
   * @param portalUrl the portal's address as approvers reach it, e.g. {@code
   *     https://flowdesk.example}
   */
  public FindApproversWorker(
      final Approvals approvals,
      final io.flowdesk.domain.directory.Directory directory,
      final String portalUrl,
      final Duration retryBackoff) {
    this.approvals = approvals;
    this.directory = new ApproverDirectory(directory);
    this.portalUrl =
        portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    this.outcomes = new JobOutcomes(ApprovalJobs.ERROR_PREFIX, retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {
        "approvers",
        "mode",
        "quorum",
        "reminderAfter",
        "expireAfter",
        "onExpiry",
        "subject",
        "requester",
        "requestedFor",
        "recordNumber"
      })
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::find);
  }

  /** Resolves and records the approval; answers the variables the process goes on with. */
  public Map<String, Object> find(final JobInputs inputs) {
    final ApprovalMode mode = mode(inputs);
    final String subject =
        inputs
            .optionalText("subject")
            .orElseThrow(
                () ->
                    new UnresolvableJobException(
                        "input 'subject' is missing: say what is approved"));
    final String requester = inputs.optionalText("requester").orElse(null);
    final String requestedFor = inputs.optionalText("requestedFor").orElse(null);
    final Duration reminder = ApprovalJobs.duration(inputs, "reminderAfter");
    final Duration expiry = ApprovalJobs.duration(inputs, "expireAfter");
    final String onExpiry = onExpiry(inputs);
    final List<String> entries = inputs.textList("approvers");
    if (entries.isEmpty()) {
      throw new UnresolvableJobException("input 'approvers' is missing: nobody is asked");
    }

    final List<Person> asked = new ArrayList<>();
    final Set<String> dropped = new TreeSet<>();
    final Set<String> parties = new TreeSet<>();
    Stream.of(requester, requestedFor).filter(Objects::nonNull).forEach(parties::add);
    for (final Person person : directory.expand(entries, parties)) {
      if (person.username().equals(requester) || person.username().equals(requestedFor)) {
        dropped.add(person.username());
      } else {
        asked.add(person);
      }
    }
    if (asked.isEmpty()) {
      throw new UnresolvableJobException(
          "no approver is left for '"
              + subject
              + "': "
              + (dropped.isEmpty()
                  ? "approvers " + entries + " name nobody"
                  : String.join(", ", dropped)
                      + " may not approve their own request (separation of duties)")
              + "; name other approvers");
    }
    final int required = required(mode, asked.size(), inputs);
    final Approval approval =
        approvals.open(
            new NewApproval(
                inputs.processInstanceKey(),
                inputs.optionalText("recordNumber").orElse(null),
                subject,
                requester,
                requestedFor,
                mode,
                required,
                asked.stream().map(Person::username).toList()));

    final Map<String, Object> result = new LinkedHashMap<>();
    result.put("approvalId", approval.id());
    result.put("rounds", rounds(mode, asked));
    result.put("required", required);
    result.put("rejectionsTolerated", mode.rejectionsTolerated(asked.size(), required));
    result.put("approvalsGiven", 0);
    result.put("rejectionsGiven", 0);
    result.put("abstentionsGiven", 0);
    result.put("abstention", mode.abstention().label());
    result.put("reminderTimer", reminder == null ? NEVER : reminder.toString());
    result.put("expiryTimer", expiry == null ? NEVER : expiry.toString());
    result.put("onExpiry", onExpiry);
    result.put("approvalLink", portalUrl + "/portal/approvals/" + approval.id());
    result.put("subject", subject);
    result.put("requester", requester);
    result.put("requestedFor", requestedFor);
    result.put("recordNumber", approval.recordNumber());
    return result;
  }

  /** Everyone in one round, or one round each when they are asked one after the other. */
  private static List<List<Map<String, Object>>> rounds(
      final ApprovalMode mode, final List<Person> asked) {
    final List<Map<String, Object>> cards =
        asked.stream().map(person -> ApproverCard.of(person, null, null)).toList();
    return mode.sequential() ? cards.stream().map(List::of).toList() : List.of(cards);
  }

  private static ApprovalMode mode(final JobInputs inputs) {
    try {
      return ApprovalMode.of(inputs.optionalText("mode").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new UnresolvableJobException("input " + e.getMessage());
    }
  }

  private static int required(final ApprovalMode mode, final int asked, final JobInputs inputs) {
    final Object quorum = inputs.raw("quorum");
    final Integer n;
    if (quorum == null || quorum instanceof String text && text.isBlank()) {
      n = null;
    } else if (quorum instanceof Number number && number.doubleValue() == number.intValue()) {
      n = number.intValue();
    } else if (quorum instanceof String text && text.strip().matches("[0-9]{1,6}")) {
      n = Integer.parseInt(text.strip());
    } else {
      throw new UnresolvableJobException("input 'quorum' must be a whole number, was " + quorum);
    }
    try {
      return mode.required(asked, n);
    } catch (IllegalArgumentException e) {
      throw new UnresolvableJobException(e.getMessage());
    }
  }

  private static String onExpiry(final JobInputs inputs) {
    final String onExpiry = inputs.optionalText("onExpiry").map(String::strip).orElse("reject");
    if (!onExpiry.equals("reject") && !onExpiry.equals("escalate")) {
      throw new UnresolvableJobException(
          "input 'onExpiry' must be 'reject' or 'escalate', was '" + onExpiry + "'");
    }
    return onExpiry;
  }
}
