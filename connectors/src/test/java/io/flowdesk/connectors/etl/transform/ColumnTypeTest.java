package io.flowdesk.connectors.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

  @Test
  void textIsParsedIntoEachType() {
    assertThat(ColumnType.integer().cast(" 42 ")).isEqualTo(42);
    assertThat(ColumnType.bigint().cast("9000000000")).isEqualTo(9_000_000_000L);
    assertThat(ColumnType.numeric().cast("12.50")).isEqualTo(new BigDecimal("12.50"));
    assertThat(ColumnType.bool().cast("Yes")).isEqualTo(true);
    assertThat(ColumnType.bool().cast("f")).isEqualTo(false);
    assertThat(ColumnType.date().cast("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(ColumnType.timestamp().cast("2024-02-29 13:45:10"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 10));
    assertThat(ColumnType.timestamp().cast("2024-02-29T13:45"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45));
    assertThat(ColumnType.timestampTz().cast("2024-02-29T13:45:00+02:00"))
        .isEqualTo(OffsetDateTime.of(2024, 2, 29, 13, 45, 0, 0, ZoneOffset.ofHours(2)));
    assertThat(ColumnType.text().cast(7)).isEqualTo("7");
  }

  @Test
  void isoTimestampsReadEveryPrecisionAndRefuseImpossibleValues() {
    assertThat(ColumnType.timestamp().cast("2024-02-29T13:45:10.5"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 10, 500_000_000));
    assertThat(ColumnType.timestamp().cast("2024-02-29 13:45:10.123456789"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 10, 123_456_789));
    assertThatThrownBy(() -> ColumnType.timestamp().cast("2024-02-29 24:00:00"))
        .hasMessage("'2024-02-29 24:00:00' is not a timestamp (yyyy-MM-dd HH:mm:ss)");
    assertThatThrownBy(() -> ColumnType.timestamp().cast("2024-02-29 1:00"))
        .hasMessage("'2024-02-29 1:00' is not a timestamp (yyyy-MM-dd HH:mm:ss)");
    assertThatThrownBy(() -> ColumnType.date().cast("2024-1-01"))
        .hasMessage("'2024-1-01' is not a date (yyyy-MM-dd)");
  }

  @Test
  void formatsAreApplied() {
    assertThat(ColumnType.date("dd/MM/yyyy").cast("31/12/2023"))
        .isEqualTo(LocalDate.of(2023, 12, 31));
    assertThat(ColumnType.date("dd.MM.uuuu").cast("01.02.2023"))
        .isEqualTo(LocalDate.of(2023, 2, 1));
    assertThat(ColumnType.timestamp("dd/MM/yyyy HH:mm").cast("31/12/2023 23:59"))
        .isEqualTo(LocalDateTime.of(2023, 12, 31, 23, 59));
  }

  @Test
  void impossibleDatesAreRefusedNotRolledOver() {
    assertThatThrownBy(() -> ColumnType.date("dd/MM/yyyy").cast("31/02/2024"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'31/02/2024' is not a date in format dd/MM/yyyy");
    assertThatThrownBy(() -> ColumnType.date().cast("2023-02-29"))
        .hasMessage("'2023-02-29' is not a date (yyyy-MM-dd)");
  }

  @Test
  void badTextIsRefusedWithTheValueAndTheExpectedType() {
    assertThatThrownBy(() -> ColumnType.integer().cast("12x"))
        .hasMessage("'12x' is not an integer");
    assertThatThrownBy(() -> ColumnType.integer().cast("3000000000"))
        .hasMessage("'3000000000' is not an integer");
    assertThatThrownBy(() -> ColumnType.numeric().cast("1,5")).hasMessage("'1,5' is not a number");
    assertThatThrownBy(() -> ColumnType.bool().cast("maybe"))
        .hasMessage("'maybe' is not a boolean");
  }

  @Test
  void blankTextIsNullExceptForTextColumns() {
    assertThat(ColumnType.integer().cast("  ")).isNull();
    assertThat(ColumnType.date().cast("")).isNull();
    assertThat(ColumnType.text().cast("")).isEqualTo("");
  }

  @Test
  void typedValuesAreConvertedWhenExact() {
    assertThat(ColumnType.integer().cast(7L)).isEqualTo(7);
    assertThat(ColumnType.bigint().cast(new BigDecimal("12"))).isEqualTo(12L);
    assertThat(ColumnType.numeric().cast(3L)).isEqualTo(new BigDecimal(3));
    assertThat(ColumnType.bool().cast(1L)).isEqualTo(true);
    assertThat(ColumnType.date().cast(LocalDateTime.of(2024, 1, 2, 3, 4)))
        .isEqualTo(LocalDate.of(2024, 1, 2));
    assertThatThrownBy(() -> ColumnType.integer().cast(new BigDecimal("1.5")))
        .hasMessage("'1.5' is not an integer");
  }

  @Test
  void unchangedKeepsTheValueAsItIs() {
    final Object value = new Object();
    assertThat(ColumnType.unchanged().cast(value)).isSameAs(value);
  }

  @Test
  void invalidPatternIsRefusedWhenTheTypeIsDeclared() {
    assertThatThrownBy(() -> ColumnType.date("dd/MM/yyyyy{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a valid date/time pattern");
  }
}
