package io.flowdesk.domain.mailbox;

import java.time.Instant;

/** A mail that could not be read and was set aside in its mailbox. */
public record MailFailure(
    long id, long mailboxId, String messageId, String subject, String reason, Instant failedAt) {}
