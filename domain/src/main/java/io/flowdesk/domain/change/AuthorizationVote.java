package io.flowdesk.domain.change;

import java.time.Instant;

/**
 * One vote on a change's authorization: who, how, why and when; {@code delegatedFrom} is the member
 * who handed their vote to {@code approver}, or null.
 */
public record AuthorizationVote(
    String approver,
    VoteDecision decision,
    String comment,
    Instant decidedAt,
    String delegatedFrom) {}
