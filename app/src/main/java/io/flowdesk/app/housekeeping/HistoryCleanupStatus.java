package io.flowdesk.app.housekeeping;

import io.flowdesk.engine.EngineProperties;
import java.time.Duration;
import java.time.Instant;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * When the engine's history cleanup runs next and what its last run removed, read from Quartz's
 * store so that every node answers the same. Operators see here that retention really runs, which
 * nothing showed when it silently did not. Exists where {@link HousekeepingSchedule} does.
 */
public class HistoryCleanupStatus {

  /**
   * @param retention how long ended instances are kept
   * @param nextRun when the schedule fires next; null when nothing schedules it
   * @param lastRun when the last run recorded since the schedule was stored ended; null if none
   * @param lastRemoved how many ended instances' history that run removed
   */
  public record Status(Duration retention, Instant nextRun, Instant lastRun, int lastRemoved) {}

  private final Scheduler scheduler;
  private final EngineProperties engine;

  HistoryCleanupStatus(final Scheduler scheduler, final EngineProperties engine) {
    this.scheduler = scheduler;
    this.engine = engine;
  }

  public Status read() {
    try {
      final Trigger trigger =
          scheduler.getTrigger(
              TriggerKey.triggerKey(
                  HousekeepingSchedule.ENGINE_HISTORY, HousekeepingSchedule.GROUP));
      final JobDetail job =
          scheduler.getJobDetail(
              JobKey.jobKey(HousekeepingSchedule.ENGINE_HISTORY, HousekeepingSchedule.GROUP));
      final JobDataMap data = job == null ? new JobDataMap() : job.getJobDataMap();
      final String lastRun = data.getString(EngineHistoryCleanupJob.LAST_RUN);
      return new Status(
          engine.historyRetention(),
          trigger == null || trigger.getNextFireTime() == null
              ? null
              : trigger.getNextFireTime().toInstant(),
          lastRun == null ? null : Instant.parse(lastRun),
          data.containsKey(EngineHistoryCleanupJob.LAST_REMOVED)
              ? data.getInt(EngineHistoryCleanupJob.LAST_REMOVED)
              : 0);
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz could not say when the history cleanup runs", e);
    }
  }
}
