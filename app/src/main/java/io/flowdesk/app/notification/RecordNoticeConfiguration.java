package io.flowdesk.app.notification;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.notification.NotificationOutbox;
import io.flowdesk.workers.notify.PersonNotifier;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The records' notifications (watchers, assignees, major incidents) and the job that sends them.
 */
@Configuration(proxyBeanMethods = false)
class RecordNoticeConfiguration {

  static final String JOB = "record-notices";

  @Bean
  RecordNotices recordNotices(
      final NotificationOutbox outbox,
      final PersonNotifier notifier,
      final Directory directory,
      @Value("${flowdesk.notifications.batch-size:50}") final int batchSize) {
    return new RecordNotices(outbox, notifier, directory, batchSize);
  }

  @Bean
  JobDetail recordNoticeJob() {
    return JobBuilder.newJob(RecordNoticeJob.class)
        .withIdentity(JOB, "notifications")
        .withDescription("Tells watchers, assignees and major-incident callers what changed")
        .storeDurably()
        .requestRecovery()
        .build();
  }

  /** When ({@code flowdesk.notifications.cron}); every 5 seconds by default. */
  @Bean
  Trigger recordNoticeTrigger(
      final JobDetail recordNoticeJob,
      @Value("${flowdesk.notifications.cron:*/5 * * * * ?}") final String cron) {
    return TriggerBuilder.newTrigger()
        .forJob(recordNoticeJob)
        .withIdentity(JOB, "notifications")
        .withSchedule(
            CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
        .build();
  }
}
