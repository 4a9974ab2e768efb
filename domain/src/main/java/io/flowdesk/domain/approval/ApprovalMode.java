package io.flowdesk.domain.approval;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How many of an approval's approvers decide it. Every mode comes down to two numbers over the
 * approvers asked: the approvals that approve it ({@link #required}) and the rejections it stands
 * before it is rejected ({@link #rejectionsTolerated}).
 */
public enum ApprovalMode {
  /** Asked together; one approval approves, rejected only when everyone rejected. */
  ANY,
  /** Asked together; everyone must approve, one rejection rejects. */
  ALL,
  /** Asked one after the other in the order given; everyone must approve. */
  SEQUENTIAL,
  /** Asked together; N approvals approve, rejected once N can no longer be reached. */
  QUORUM,
  /** Asked together; the first decision, approve or reject, decides. */
  FIRST;

  /** The name processes use: {@code any}, {@code all}, {@code sequential} … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the modes there are
   */
  public static ApprovalMode of(final String label) {
    if (label == null || label.isBlank()) {
      return ANY;
    }
    for (final ApprovalMode mode : values()) {
      if (mode.label().equals(label.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "mode '"
            + label
            + "' is not one of "
            + Arrays.stream(values()).map(ApprovalMode::label).collect(Collectors.joining(", ")));
  }

  /**
   * The approvals needed among {@code approvers} people.
   *
   * @param quorum the N of {@link #QUORUM}, ignored otherwise
   * @throws IllegalArgumentException a quorum that is missing, below 1 or above the approvers
   */
  public int required(final int approvers, final Integer quorum) {
    return switch (this) {
      case ANY, FIRST -> 1;
      case ALL, SEQUENTIAL -> approvers;
      case QUORUM -> {
        if (quorum == null) {
          throw new IllegalArgumentException("mode 'quorum' needs input 'quorum' (a number)");
        }
        if (quorum < 1 || quorum > approvers) {
          throw new IllegalArgumentException(
              "quorum "
                  + quorum
                  + " cannot be reached: it must be between 1 and the "
                  + approvers
                  + " approver(s) asked");
        }
        yield quorum;
      }
    };
  }

  /** The rejections the approval stands: one more rejects it. */
  public int rejectionsTolerated(final int approvers, final int required) {
    return this == FIRST ? 0 : approvers - required;
  }

  /**
   * What an abstention does here. In {@code any} and {@code quorum} it is one approver fewer who
   * could approve, so the approval is rejected as soon as the approvals required can no longer be
   * reached. In {@code all} and {@code sequential} it does not block (as in ServiceNow): the others
   * must approve, and at least one approval is needed. In {@code first} it waits for the first
   * approver who takes a side.
   */
  public Abstention abstention() {
    return switch (this) {
      case ANY, QUORUM -> Abstention.COUNTS_AGAINST;
      case ALL, SEQUENTIAL -> Abstention.LOWERS_REQUIRED;
      case FIRST -> Abstention.IGNORED;
    };
  }

  /** The approvals that approve it after {@code abstentions} abstentions, of {@code required}. */
  public int approvalsNeeded(final int required, final int abstentions) {
    return abstention() == Abstention.LOWERS_REQUIRED
        ? Math.max(1, required - abstentions)
        : required;
  }

  /** What an abstention does to the count; the process model reads its {@link #label()}. */
  public enum Abstention {
    COUNTS_AGAINST,
    LOWERS_REQUIRED,
    IGNORED;

    /** {@code counts-against}, {@code lowers-required}, {@code ignored}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Whether the approvers are asked one after the other. */
  public boolean sequential() {
    return this == SEQUENTIAL;
  }
}
