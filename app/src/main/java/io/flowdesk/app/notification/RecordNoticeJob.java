package io.flowdesk.app.notification;

import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Sends the records' notifications; on one node of several at a time (Quartz's clustered store).
 */
@DisallowConcurrentExecution
class RecordNoticeJob extends QuartzJobBean {

  private final RecordNotices notices;

  RecordNoticeJob(final RecordNotices notices) {
    this.notices = notices;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    notices.runOnce(Clock.systemUTC().instant());
  }
}
