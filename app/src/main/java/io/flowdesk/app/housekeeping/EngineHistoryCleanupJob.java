package io.flowdesk.app.housekeeping;

import io.flowdesk.engine.Engine;
import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Removes the record log and rows of process instances that ended longer ago than the engine's
 * history retention ({@code FLOWDESK_ENGINE_HISTORY_RETENTION}). Runs on one node of several; what
 * the last run removed is kept in the job's data in Quartz's store, so that every node's engine
 * health page can say it ({@link HistoryCleanupStatus}).
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
class EngineHistoryCleanupJob extends QuartzJobBean {

  static final String LAST_RUN = "lastRun";
  static final String LAST_REMOVED = "lastRemoved";

  private static final Logger LOG = LoggerFactory.getLogger(EngineHistoryCleanupJob.class);

  private final Engine engine;
  private final Clock clock;

  EngineHistoryCleanupJob(final Engine engine, final Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    final int removed = engine.cleanUpHistory();
    context.getJobDetail().getJobDataMap().put(LAST_RUN, clock.instant().toString());
    context.getJobDetail().getJobDataMap().put(LAST_REMOVED, removed);
    if (removed > 0) {
      LOG.info("Removed the history of {} ended process instances past retention", removed);
    }
  }
}
