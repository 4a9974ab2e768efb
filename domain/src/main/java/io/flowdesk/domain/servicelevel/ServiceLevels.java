package io.flowdesk.domain.servicelevel;

import io.flowdesk.domain.incident.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service levels per priority and the schedules they run on, in {@code domain.service_level},
 * {@code sla_schedule}, {@code sla_schedule_hours} and {@code sla_holiday} (V44). Reads are small
 * (five priorities, a few schedules) and uncached, so an admin's change applies to the next
 * incident classified. Every write is one transaction: a schedule is saved with all its hours and
 * holidays or not at all.
 */
public class ServiceLevels {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  /** Service levels on {@code dataSource} with their own JDBC transactions (tests, tools). */
  public ServiceLevels(final DataSource dataSource) {
    this(dataSource, new DataSourceTransactionManager(dataSource));
  }

  /** Service levels on {@code dataSource}, in transactions of {@code transactionManager}. */
  public ServiceLevels(
      final DataSource dataSource, final PlatformTransactionManager transactionManager) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactionManager);
  }

  /** The service level of {@code priority} (every priority has one from V44 on). */
  public ServiceLevel of(final Priority priority) {
    return all().stream()
        .filter(level -> level.priority() == priority)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no service level for " + priority));
  }

  /** The service levels of every priority, P1 first. */
  public List<ServiceLevel> all() {
    final Map<Long, Schedule> schedules = new HashMap<>();
    schedules().forEach(s -> schedules.put(s.id(), s));
    return jdbc.sql(
            """
            SELECT priority, response_minutes, resolution_minutes, warning_percent, task_priority,
                   schedule_id
            FROM domain.service_level ORDER BY priority
            """)
        .query(
            (rs, n) ->
                new ServiceLevel(
                    Priority.valueOf(rs.getString("priority")),
                    Duration.ofMinutes(rs.getInt("response_minutes")),
                    Duration.ofMinutes(rs.getInt("resolution_minutes")),
                    rs.getInt("warning_percent"),
                    rs.getInt("task_priority"),
                    schedules.get(rs.getLong("schedule_id"))))
        .list();
  }

  /** Every schedule, by name. */
  public List<Schedule> schedules() {
    final List<Long> ids =
        jdbc.sql("SELECT id FROM domain.sla_schedule ORDER BY name").query(Long.class).list();
    final List<Schedule> schedules = new ArrayList<>();
    for (final Long id : ids) {
      schedule(id).ifPresent(schedules::add);
    }
    return schedules;
  }

  /** The schedule with {@code id}, if there is one. */
  public Optional<Schedule> schedule(final long id) {
    return jdbc.sql("SELECT name, time_zone FROM domain.sla_schedule WHERE id = ?")
        .param(id)
        .query((rs, n) -> new String[] {rs.getString("name"), rs.getString("time_zone")})
        .optional()
        .map(row -> new Schedule(id, row[0], calendar(id, ZoneId.of(row[1]))));
  }

  /**
   * Adds a schedule ({@code id} null) or replaces the name, zone, hours and holidays of one.
   *
   * @return the schedule as saved, with its id
   * @throws IllegalArgumentException when another schedule has the name, or the id names none
   */
  public Schedule save(final Schedule schedule) {
    return tx.execute(
        status -> {
          final long id;
          try {
            if (schedule.id() == null) {
              id =
                  jdbc.sql(
                          "INSERT INTO domain.sla_schedule (name, time_zone) VALUES (?, ?)"
                              + " RETURNING id")
                      .params(schedule.name(), schedule.calendar().zone().getId())
                      .query(Long.class)
                      .single();
            } else {
              id = schedule.id();
              final int updated =
                  jdbc.sql("UPDATE domain.sla_schedule SET name = ?, time_zone = ? WHERE id = ?")
                      .params(schedule.name(), schedule.calendar().zone().getId(), id)
                      .update();
              if (updated == 0) {
                throw new IllegalArgumentException("there is no schedule " + id);
              }
            }
          } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException(
                "a schedule named '" + schedule.name() + "' exists already");
          }
          jdbc.sql("DELETE FROM domain.sla_schedule_hours WHERE schedule_id = ?")
              .param(id)
              .update();
          jdbc.sql("DELETE FROM domain.sla_holiday WHERE schedule_id = ?").param(id).update();
          for (final DayOfWeek day : DayOfWeek.values()) {
            for (final WorkingInterval interval : schedule.calendar().hours(day)) {
              jdbc.sql(
                      "INSERT INTO domain.sla_schedule_hours"
                          + " (schedule_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)")
                  .params(id, day.getValue(), interval.startMinute(), interval.endMinute())
                  .update();
            }
          }
          for (final Holiday holiday : schedule.calendar().holidays()) {
            jdbc.sql(
                    "INSERT INTO domain.sla_holiday (schedule_id, day, yearly) VALUES (?, ?, ?)"
                        + " ON CONFLICT (schedule_id, day) DO UPDATE SET yearly = EXCLUDED.yearly")
                .params(id, holiday.date(), holiday.yearly())
                .update();
          }
          return new Schedule(id, schedule.name(), schedule.calendar());
        });
  }

  /**
   * Replaces the targets of the given priorities, all or none.
   *
   * @throws IllegalArgumentException when a level's schedule is not saved
   */
  public void save(final List<ServiceLevel> levels) {
    tx.executeWithoutResult(
        status -> {
          for (final ServiceLevel level : levels) {
            if (level.schedule().id() == null || schedule(level.schedule().id()).isEmpty()) {
              throw new IllegalArgumentException(
                  level.priority() + ": schedule '" + level.schedule().name() + "' is not saved");
            }
            jdbc.sql(
                    """
                    UPDATE domain.service_level SET response_minutes = ?, resolution_minutes = ?,
                      warning_percent = ?, task_priority = ?, schedule_id = ?
                    WHERE priority = ?
                    """)
                .params(
                    level.response().toMinutes(),
                    level.resolution().toMinutes(),
                    level.warningPercent(),
                    level.taskPriority(),
                    level.schedule().id(),
                    level.priority().name())
                .update();
          }
        });
  }

  private BusinessCalendar calendar(final long id, final ZoneId zone) {
    final Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
    jdbc.sql(
            "SELECT weekday, start_minute, end_minute FROM domain.sla_schedule_hours"
                + " WHERE schedule_id = ?")
        .param(id)
        .query(
            rs -> {
              week.computeIfAbsent(DayOfWeek.of(rs.getInt("weekday")), d -> new ArrayList<>())
                  .add(new WorkingInterval(rs.getInt("start_minute"), rs.getInt("end_minute")));
            });
    final List<Holiday> holidays =
        jdbc.sql("SELECT day, yearly FROM domain.sla_holiday WHERE schedule_id = ? ORDER BY day")
            .param(id)
            .query(
                (rs, n) ->
                    new Holiday(rs.getObject("day", LocalDate.class), rs.getBoolean("yearly")))
            .list();
    return new BusinessCalendar(zone, week, holidays);
  }
}
