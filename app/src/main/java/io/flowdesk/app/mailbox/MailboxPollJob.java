package io.flowdesk.app.mailbox;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Reads the configured mailboxes. One run at a time across the cluster: two nodes reading one
 * mailbox would each fetch the same mails (the Message-ID table would still keep the work single).
 */
@DisallowConcurrentExecution
class MailboxPollJob extends QuartzJobBean {

  private final MailboxPolling polling;

  MailboxPollJob(final MailboxPolling polling) {
    this.polling = polling;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    polling.pollAll();
  }
}
