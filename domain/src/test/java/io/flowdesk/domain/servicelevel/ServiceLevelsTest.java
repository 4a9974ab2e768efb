package io.flowdesk.domain.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import io.flowdesk.domain.incident.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stored service levels: the shipped ones are the targets the code used to fix, around the
 * clock; schedules are saved whole with their hours and holidays, and a refused save leaves nothing
 * behind.
 */
class ServiceLevelsTest {

  static ServiceLevels levels;

  @BeforeAll
  static void database() {
    levels = new ServiceLevels(TestDatabase.migrated());
  }

  @Test
  void theShippedServiceLevelsAreTheOldTargetsAroundTheClock() {
    final ServiceLevel p1 = levels.of(Priority.P1);
    assertThat(p1.response()).isEqualTo(Duration.ofMinutes(15));
    assertThat(p1.resolution()).isEqualTo(Duration.ofHours(4));
    assertThat(p1.taskPriority()).isEqualTo(90);
    assertThat(levels.of(Priority.P3).resolution()).isEqualTo(Duration.ofDays(3));
    assertThat(levels.of(Priority.P5).response()).isEqualTo(Duration.ofDays(2));
    assertThat(levels.of(Priority.P5).resolution()).isEqualTo(Duration.ofDays(10));
    assertThat(levels.all())
        .extracting(ServiceLevel::taskPriority)
        .containsExactly(90, 70, 50, 30, 10);
    assertThat(p1.schedule().name()).isEqualTo("Around the clock (24x7)");
    assertThat(p1.calendar()).isEqualTo(BusinessCalendar.AROUND_THE_CLOCK);
  }

  @Test
  void aScheduleIsSavedWithItsHoursAndHolidaysAndALevelCanUseIt() {
    final String name = "Berlin office " + UUID.randomUUID();
    final BusinessCalendar office =
        new BusinessCalendar(
            ZoneId.of("Europe/Berlin"),
            Map.of(
                DayOfWeek.MONDAY, WorkingInterval.parseDay("08:00-12:00, 13:00-17:00"),
                DayOfWeek.FRIDAY, WorkingInterval.parseDay("08:00-14:00")),
            List.of(new Holiday(LocalDate.of(2026, 12, 25), true)));

    final Schedule saved = levels.save(new Schedule(null, name, office));

    assertThat(levels.schedule(saved.id())).contains(saved);
    assertThat(saved.calendar()).isEqualTo(office);

    final ServiceLevel p4 = levels.of(Priority.P4);
    levels.save(
        List.of(
            new ServiceLevel(
                Priority.P4, Duration.ofHours(2), Duration.ofHours(20), 80, 35, saved)));
    try {
      final ServiceLevel changed = levels.of(Priority.P4);
      assertThat(changed.resolution()).isEqualTo(Duration.ofHours(20));
      assertThat(changed.warningPercent()).isEqualTo(80);
      assertThat(changed.schedule()).isEqualTo(saved);
    } finally {
      levels.save(List.of(p4));
    }
  }

  @Test
  void aSecondScheduleWithTheSameNameIsRefusedAndLeavesTheFirstWhole() {
    final String name = "Support hours " + UUID.randomUUID();
    final Schedule first =
        levels.save(new Schedule(null, name, BusinessCalendar.aroundTheClock(ZoneId.of("UTC"))));
    final int before = levels.schedules().size();

    assertThatThrownBy(
            () ->
                levels.save(
                    new Schedule(
                        null,
                        " " + name + " ",
                        BusinessCalendar.aroundTheClock(ZoneId.of("Asia/Tokyo")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a schedule named '" + name + "' exists already");

    assertThat(levels.schedules()).hasSize(before);
    assertThat(levels.schedule(first.id())).contains(first);
  }
}
