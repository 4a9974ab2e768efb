package io.flowdesk.app.housekeeping;

import io.flowdesk.engine.Engine;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Removes the record log and rows of process instances that ended longer ago than the engine's
 * history retention ({@code FLOWDESK_ENGINE_HISTORY_RETENTION}). Runs on one node of several.
 */
@DisallowConcurrentExecution
class EngineHistoryCleanupJob extends QuartzJobBean {

  private static final Logger LOG = LoggerFactory.getLogger(EngineHistoryCleanupJob.class);

  private final Engine engine;

  EngineHistoryCleanupJob(final Engine engine) {
    this.engine = engine;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    final int removed = engine.cleanUpHistory();
    if (removed > 0) {
      LOG.info("Removed the history of {} ended process instances past retention", removed);
    }
  }
}
