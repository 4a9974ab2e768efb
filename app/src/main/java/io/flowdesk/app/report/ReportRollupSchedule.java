package io.flowdesk.app.report;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the reports' daily summaries are refreshed (Quartz's clustered job store: one node). */
@Configuration(proxyBeanMethods = false)
class ReportRollupSchedule {

  static final String ROLLUP = "report-rollup";

  @Bean
  JobDetail reportRollupJob() {
    return JobBuilder.newJob(ReportRollupJob.class)
        .withIdentity(ROLLUP, "reports")
        .withDescription("Summarises closed days for the volume and MTTA/MTTR reports")
        .storeDurably()
        .requestRecovery()
        .build();
  }

  /**
   * @param cron when ({@code flowdesk.reports.rollup.cron}); every 15 minutes by default, so that a
   *     late change to a closed day shows within a quarter of an hour
   */
  @Bean
  Trigger reportRollupTrigger(
      final JobDetail reportRollupJob,
      @Value("${flowdesk.reports.rollup.cron:0 3/15 * * * ?}") final String cron) {
    return TriggerBuilder.newTrigger()
        .forJob(reportRollupJob)
        .withIdentity(ROLLUP, "reports")
        .withSchedule(
            CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
        .build();
  }
}
