package io.flowdesk.app.housekeeping;

import io.flowdesk.engine.EngineProperties;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the app's own periodic work runs. Quartz keeps these in its clustered job store: each run
 * happens on one node, and a run missed while every node was down happens at the next start.
 * Business schedules stay BPMN timers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "flowdesk.engine.enabled",
    havingValue = "true",
    matchIfMissing = true)
class HousekeepingSchedule {

  static final String ENGINE_HISTORY = "engine-history-cleanup";
  static final String GROUP = "housekeeping";

  @Bean
  JobDetail engineHistoryCleanup() {
    return JobBuilder.newJob(EngineHistoryCleanupJob.class)
        .withIdentity(ENGINE_HISTORY, GROUP)
        .withDescription("Removes process history past FLOWDESK_ENGINE_HISTORY_RETENTION")
        .storeDurably()
        .requestRecovery()
        .build();
  }

  /**
   * @param cron when ({@code flowdesk.housekeeping.engine-history-cron}); hourly by default
   */
  @Bean
  Trigger engineHistoryCleanupTrigger(
      final JobDetail engineHistoryCleanup,
      @Value("${flowdesk.housekeeping.engine-history-cron:0 17 * * * ?}") final String cron) {
    return TriggerBuilder.newTrigger()
        .forJob(engineHistoryCleanup)
        .withIdentity(ENGINE_HISTORY, GROUP)
        .withSchedule(
            CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
        .build();
  }

  @Bean
  HistoryCleanupStatus historyCleanupStatus(
      final Scheduler scheduler, final EngineProperties engine) {
    return new HistoryCleanupStatus(scheduler, engine);
  }
}
