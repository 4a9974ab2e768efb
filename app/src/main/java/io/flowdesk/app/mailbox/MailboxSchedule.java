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
}
