package io.flowdesk.app.mailbox;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the mailboxes are read (Quartz's clustered job store: one node). */
@Configuration(proxyBeanMethods = false)
class MailboxSchedule {

  static final String POLL = "mailbox-poll";
  static final String PENDING_STARTS = "mailbox-pending-starts";

  @Bean
  JobDetail mailboxPollJob() {
    return JobBuilder.newJob(MailboxPollJob.class)
        .withIdentity(POLL, "mailboxes")
        .withDescription("Reads the mailboxes of email-to-ticket")
        .storeDurably()
        .build();
  }

  /**
   * @param cron when ({@code flowdesk.mailboxes.poll-cron}); every minute by default. Runs missed
   *     while every node was down are not made up: the next run reads whatever arrived meanwhile.
   */
  @Bean
  Trigger mailboxPollTrigger(
      final JobDetail mailboxPollJob,
      @Value("${flowdesk.mailboxes.poll-cron:0 * * * * ?}") final String cron) {
    return TriggerBuilder.newTrigger()
        .forJob(mailboxPollJob)
        .withIdentity(POLL, "mailboxes")
        .withSchedule(
            CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
        .build();
  }

  @Bean
  JobDetail mailboxPendingStartJob() {
    return JobBuilder.newJob(PendingStartJob.class)
        .withIdentity(PENDING_STARTS, "mailboxes")
        .withDescription("Starts the processes of incidents opened by mail that are still pending")
        .storeDurably()
        .build();
  }

  /**
   * @param cron when ({@code flowdesk.mailboxes.pending-start-cron}); every 10 seconds by default.
   *     The poll wakes the starts itself, so this only finishes what a crash or an unavailable
   *     engine left.
   */
  @Bean
  Trigger mailboxPendingStartTrigger(
      final JobDetail mailboxPendingStartJob,
      @Value("${flowdesk.mailboxes.pending-start-cron:0/10 * * * * ?}") final String cron) {
    return TriggerBuilder.newTrigger()
        .forJob(mailboxPendingStartJob)
        .withIdentity(PENDING_STARTS, "mailboxes")
        .withSchedule(
            CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
        .build();
  }
}
