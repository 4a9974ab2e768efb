package io.flowdesk.domain.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Due dates and elapsed working time over a Berlin office schedule (Mon–Fri 08:00–17:00), asked
 * with instants in UTC: across a weekend, a holiday, a yearly holiday, the spring daylight-saving
 * change, several intervals a day; and the around-the-clock calendar that keeps today's targets.
 */
class BusinessCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Duration FOUR_HOURS = Duration.ofHours(4);

  static BusinessCalendar office(final String hours, final List<Holiday> holidays) {
    final Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (final DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      week.put(day, WorkingInterval.parseDay(hours));
    }
    return new BusinessCalendar(BERLIN, week, holidays);
  }

  static Instant berlin(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  final BusinessCalendar office = office("08:00-17:00", List.of());

  @Test
  void fridayAfternoonPlusFourHoursIsDueMondayMorning() {
    // 2026-03-06 is a Friday; Berlin is UTC+1 in March before the change.
    final Instant friday = berlin("2026-03-06T16:30");
    assertThat(friday).isEqualTo(Instant.parse("2026-03-06T15:30:00Z"));

    final Instant due = office.plus(friday, FOUR_HOURS);

    assertThat(due).isEqualTo(berlin("2026-03-09T11:30"));
    assertThat(due).isEqualTo(Instant.parse("2026-03-09T10:30:00Z"));
    assertThat(office.between(friday, due)).isEqualTo(FOUR_HOURS);
    assertThat(office.between(due, friday)).isEqualTo(FOUR_HOURS.negated());
  }

  @Test
  void aHolidayMondayMovesTheDueDateToTuesday() {
    final BusinessCalendar withHoliday =
        office("08:00-17:00", List.of(new Holiday(LocalDate.of(2026, 3, 9), false)));

    final Instant due = withHoliday.plus(berlin("2026-03-06T16:30"), FOUR_HOURS);

    assertThat(due).isEqualTo(berlin("2026-03-10T11:30"));
    assertThat(withHoliday.between(berlin("2026-03-06T16:30"), due)).isEqualTo(FOUR_HOURS);
    // The same Monday a year later is a working day: the holiday is not yearly.
    assertThat(withHoliday.plus(berlin("2027-03-08T08:00"), FOUR_HOURS))
        .isEqualTo(berlin("2027-03-08T12:00"));
  }

  @Test
  void inTokyoAWeekendAndThreeHolidaysAreJudgedByTheLocalDateNotUtcs() {
    // Golden Week 2026 in a Tokyo office (UTC+9, no daylight saving): Friday 1 May, then the
    // weekend and Monday to Wednesday 4-6 May off. Tokyo's 08:00 is 23:00 UTC the day before.
    final ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    final Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (final DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        week.put(day, WorkingInterval.parseDay("08:00-17:00"));
      }
    }
    final BusinessCalendar goldenWeek =
        new BusinessCalendar(tokyo, week, Holiday.parseLines("2026-05-04\n2026-05-05\n2026-05-06"));
    final Instant fridayAfternoon = Instant.parse("2026-05-01T07:00:00Z"); // 16:00 in Tokyo

    final Instant due = goldenWeek.plus(fridayAfternoon, FOUR_HOURS);

    // One hour on Friday, three from Thursday 08:00 Tokyo, which is still Wednesday in UTC.
    assertThat(due).isEqualTo(Instant.parse("2026-05-07T02:00:00Z"));
    assertThat(goldenWeek.between(fridayAfternoon, due)).isEqualTo(FOUR_HOURS);
    // Wednesday 23:30 UTC is Thursday 08:30 in Tokyo: working time, though the UTC date is a
    // holiday's; 23:30 UTC on Tuesday is the holiday Wednesday there and counts nothing.
    assertThat(
            goldenWeek.between(
                Instant.parse("2026-05-06T23:00:00Z"), Instant.parse("2026-05-06T23:30:00Z")))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(
            goldenWeek.between(
                Instant.parse("2026-05-05T23:00:00Z"), Instant.parse("2026-05-05T23:30:00Z")))
        .isZero();
  }

  @Test
  void aYearlyHolidayRecursEveryYear() {
    final BusinessCalendar christmas =
        office("08:00-17:00", Holiday.parseLines("2020-12-25 yearly"));

    // Thursday 24 Dec 2026 16:00: one hour that day, Friday is Christmas, three hours Monday.
    assertThat(christmas.plus(berlin("2026-12-24T16:00"), FOUR_HOURS))
        .isEqualTo(berlin("2026-12-28T11:00"));
  }

  @Test
  void theSpringDaylightSavingChangeKeepsOfficeHoursInLocalTime() {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 2026-03-29.
    final Instant friday = berlin("2026-03-27T16:30");

    final Instant due = office.plus(friday, FOUR_HOURS);

    assertThat(due).isEqualTo(berlin("2026-03-30T11:30"));
    assertThat(due).isEqualTo(Instant.parse("2026-03-30T09:30:00Z"));
    assertThat(office.between(friday, due)).isEqualTo(FOUR_HOURS);
  }

  @Test
  void aroundTheClockInBerlinCountsTheRealHoursOfTheShortDay() {
    final BusinessCalendar always = BusinessCalendar.aroundTheClock(BERLIN);
    final Instant saturdayNoon = berlin("2026-03-28T12:00");

    final Instant due = always.plus(saturdayNoon, Duration.ofHours(24));

    assertThat(due).isEqualTo(saturdayNoon.plus(Duration.ofHours(24)));
    assertThat(due).isEqualTo(berlin("2026-03-29T13:00"));
  }

  @Test
  void severalIntervalsADayCountOnlyTheirTime() {
    final BusinessCalendar split = office("08:00-12:00, 13:00-17:00", List.of());

    assertThat(split.plus(berlin("2026-03-09T11:30"), Duration.ofHours(1)))
        .isEqualTo(berlin("2026-03-09T13:30"));
    assertThat(split.between(berlin("2026-03-09T07:00"), berlin("2026-03-09T18:00")))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void aTargetEndingAtClosingTimeIsDueThenAndOneBeforeOpeningCountsFromOpening() {
    assertThat(office.plus(berlin("2026-03-06T16:30"), Duration.ofMinutes(30)))
        .isEqualTo(berlin("2026-03-06T17:00"));
    assertThat(office.plus(berlin("2026-03-09T06:00"), Duration.ofHours(1)))
        .isEqualTo(berlin("2026-03-09T09:00"));
    assertThat(office.plus(berlin("2026-03-07T10:00"), Duration.ZERO))
        .isEqualTo(berlin("2026-03-07T10:00"));
    assertThat(office.between(berlin("2026-03-07T10:00"), berlin("2026-03-08T10:00"))).isZero();
  }

  @Test
  void aroundTheClockGivesTheOldCalendarDueDates() {
    final Instant start = Instant.parse("2026-03-06T15:30:17Z");
    for (final Duration target :
        List.of(
            Duration.ofMinutes(15), Duration.ofHours(4), Duration.ofDays(3), Duration.ofDays(10))) {
      assertThat(BusinessCalendar.AROUND_THE_CLOCK.plus(start, target))
          .isEqualTo(start.plus(target));
      assertThat(BusinessCalendar.AROUND_THE_CLOCK.between(start, start.plus(target)))
          .isEqualTo(target);
    }
    assertThat(BusinessCalendar.AROUND_THE_CLOCK.zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void badWorkingHoursAndHolidaysAreNamed() {
    assertThatThrownBy(() -> WorkingInterval.parseDay("17:00-08:00"))
        .hasMessage("working interval 17:00-08:00 ends before it starts");
    assertThatThrownBy(() -> WorkingInterval.parseDay("08:00-12:00, 11:00-17:00"))
        .hasMessage("working intervals 08:00-12:00 and 11:00-17:00 overlap");
    assertThatThrownBy(() -> WorkingInterval.parseDay("8 to 5"))
        .hasMessage("'8 to 5' is not a working interval such as 08:00-17:00");
    assertThatThrownBy(() -> WorkingInterval.parseDay("08:00-25:00"))
        .hasMessage("'08:00-25:00' is not a time of day");
    assertThat(WorkingInterval.parseDay("00:00-24:00")).containsExactly(WorkingInterval.WHOLE_DAY);
    assertThatThrownBy(() -> Holiday.parseLines("2026-02-30"))
        .hasMessage("'2026-02-30' is not a date such as 2026-12-24 (year-month-day)");
    assertThatThrownBy(() -> Holiday.parseLines("2026-12-25 monthly"))
        .hasMessageContaining("'2026-12-25 monthly' is not a holiday");
    assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Map.of(), List.of()))
        .hasMessage("a schedule needs working hours on at least one weekday");
  }
}
