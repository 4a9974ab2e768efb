package io.flowdesk.domain.mailbox;

import java.time.Instant;

/**
 * One mail read from a mailbox and what became of it.
 *
 * @param outcome what was done, e.g. {@code CREATED}, {@code COMMENTED}, {@code AUTO_REPLY}
 * @param recordNumber the record it created or went to, or null
 * @param note why, in words (e.g. why it was ignored), or null
 * @param pending the record is written but the work after it (its process) not yet done
 * @param startError why the last try to start its process failed, or null (pending ones only)
 */
public record InboundMailEntry(
    String messageId,
    Long mailboxId,
    String sender,
    String subject,
    String outcome,
    String recordNumber,
    String note,
    boolean pending,
    String startError,
    Instant receivedAt) {}
