package io.flowdesk.domain.change.conflict;

import io.flowdesk.domain.change.ChangeJpaConfiguration;
import io.flowdesk.domain.change.ChangeRecords;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/** Conflict detection and blackout windows wherever there are change records. */
@AutoConfiguration(after = ChangeJpaConfiguration.class)
@ConditionalOnBean(ChangeRecords.class)
public class ChangeConflictConfiguration {

  @Bean
  public BlackoutWindows blackoutWindows(final DataSource dataSource) {
    return new BlackoutWindows(dataSource);
  }

  @Bean
  public ChangeConflicts changeConflicts(
      final DataSource dataSource, final ChangeRecords changes, final ObjectProvider<Clock> clock) {
    return new ChangeConflicts(dataSource, changes, clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  public ChangeRescheduling changeRescheduling(
      final DataSource dataSource, final ChangeRecords changes, final ChangeConflicts conflicts) {
    return new ChangeRescheduling(dataSource, changes, conflicts);
  }
}
