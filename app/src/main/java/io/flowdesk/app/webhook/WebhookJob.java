package io.flowdesk.app.webhook;

import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Sends webhooks; on one node of several at a time (Quartz's clustered store). */
@DisallowConcurrentExecution
class WebhookJob extends QuartzJobBean {

  private final WebhookDispatch dispatch;

  WebhookJob(final WebhookDispatch dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    dispatch.runOnce(Clock.systemUTC().instant());
  }
}
