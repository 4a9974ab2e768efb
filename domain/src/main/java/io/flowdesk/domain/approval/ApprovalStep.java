package io.flowdesk.domain.approval;

import java.time.Instant;

/**
 * One thing that happened to an approval: {@code actor} approved, rejected (with {@code comment}),
 * delegated or was escalated from, to {@code handedTo}; {@code onBehalfOf} is the approver a
 * delegate decided for.
 */
public record ApprovalStep(
    String actor,
    ApprovalAction action,
    String comment,
    String onBehalfOf,
    String handedTo,
    Instant at) {}
