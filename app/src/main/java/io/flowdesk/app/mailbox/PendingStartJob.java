package io.flowdesk.app.mailbox;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Starts the processes of mails' incidents that are still pending: those a crash, a node that went
 * away or an unavailable engine left, and retries after a back-off. The poll's own wake-ups start
 * the rest within moments; rows are claimed one at a time, so this and they never start one twice.
 */
@DisallowConcurrentExecution
class PendingStartJob extends QuartzJobBean {

  private final PendingStarts starts;

  PendingStartJob(final PendingStarts starts) {
    this.starts = starts;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    starts.drain();
  }
}
