package io.flowdesk.app.report;

import io.flowdesk.domain.report.ReportRollup;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Brings the reports' daily summaries up to yesterday (UTC), re-summarising the days that records
 * changed since the last run and the trailing days ({@code flowdesk.reports.rollup.trailing-days}).
 * Runs on one node of several.
 */
@DisallowConcurrentExecution
class ReportRollupJob extends QuartzJobBean {

  private static final Logger LOG = LoggerFactory.getLogger(ReportRollupJob.class);

  private final ReportRollup rollup;
  private final Clock clock;
  private final int trailingDays;

  ReportRollupJob(
      final ReportRollup rollup,
      final Clock clock,
      @Value("${flowdesk.reports.rollup.trailing-days:7}") final int trailingDays) {
    this.rollup = rollup;
    this.clock = clock;
    this.trailingDays = trailingDays;
  }

  @Override
  protected void executeInternal(final JobExecutionContext context) {
    final ReportRollup.Refresh refresh =
        rollup.refresh(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), trailingDays);
    LOG.debug(
        "Report summaries cover the days before {}; {} days summarised",
        refresh.coveredUntil(),
        refresh.daysSummarised());
  }
}
