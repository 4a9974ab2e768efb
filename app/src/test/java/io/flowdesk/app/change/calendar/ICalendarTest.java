package io.flowdesk.app.change.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The iCalendar writer read back by the strict reader: folding, escaping, line ends. */
class ICalendarTest {

  static final Instant START = Instant.parse("2031-03-10T22:00:00Z");

  @Test
  void longTextsAreFoldedAt75OctetsWithoutSplittingACharacterAndReadBackUnchanged() {
    final String summary = "CHG0000001: " + "\u00e9\u20ac".repeat(40) + " end";
    final String description = "Line one, with; all \\ the\nspecial\r\ncharacters";

    final String text =
        new ICalendar("-//Flowdesk//Test//EN", "Test")
            .event(
                "CHG0000001@flowdesk",
                START,
                START,
                START.plusSeconds(3600),
                summary,
                description,
                "https://flowdesk.example/changes/CHG0000001",
                "CONFIRMED")
            .end();

    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    for (final String line : text.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
    }
    final StrictICalendar.Component event = StrictICalendar.parse(text).events().get(0);
    assertThat(event.value("SUMMARY")).isEqualTo(summary);
    assertThat(event.value("DESCRIPTION"))
        .isEqualTo("Line one, with; all \\ the\nspecial\ncharacters");
    assertThat(event.value("DTSTART")).isEqualTo("20310310T220000Z");
    assertThat(event.value("DTEND")).isEqualTo("20310310T230000Z");
    assertThat(event.value("URL")).isEqualTo("https://flowdesk.example/changes/CHG0000001");
    assertThat(text).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
  }
}
