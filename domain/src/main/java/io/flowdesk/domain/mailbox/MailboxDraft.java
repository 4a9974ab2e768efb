package io.flowdesk.domain.mailbox;

import io.flowdesk.domain.mailbox.Mailbox.MailboxKind;
import io.flowdesk.domain.mailbox.Mailbox.UnknownSenders;

/** What an administrator enters for a mailbox; checked by {@link Mailboxes#save}. */
public record MailboxDraft(
    String name,
    String address,
    String host,
    int port,
    String security,
    String username,
    String passwordSecret,
    String folder,
    String processedFolder,
    MailboxKind kind,
    UnknownSenders unknownSenders,
    boolean reopenOnReply,
    boolean enabled) {}
