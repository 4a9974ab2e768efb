package io.flowdesk.app.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The history every kind of record shares: a caller's never holds internal work notes, even when a
 * kind hands them in; the agents' does, in time order, with people shown by name.
 */
class TimelineTest extends WebTestSupport {

  private static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");

  @Autowired Timelines timelines;

  private static List<JournalEntry> journal() {
    return List.of(
        new JournalEntry(2, 1, JournalKind.WORK_NOTE, "agent.anna", "Vendor code 4711", NOON),
        new JournalEntry(
            1, 1, JournalKind.COMMENT, "alice", "Still broken", NOON.minusSeconds(60)));
  }

  @Test
  void aCallersHistoryTakesNoWorkNotesWhateverItIsHanded() {
    final Timeline timeline = timelines.start(false);
    timeline.journal(journal());

    assertThat(timeline.entries())
        .extracting(TimelineEntry::kind, TimelineEntry::text)
        .containsExactly(tuple("comment", "Still broken"));
  }

  @Test
  void theAgentsHistoryHoldsWorkNotesOldestFirstWithNames() {
    final Timeline timeline = timelines.start(true);
    timeline.event(NOON.plusSeconds(60), timeline.person(Actor.PROCESS), "Closed", null);
    timeline.journal(journal());

    assertThat(timeline.entries())
        .extracting(TimelineEntry::kind, TimelineEntry::summary)
        .containsExactly(
            tuple("comment", "Comment by Alice Andersen"),
            tuple("work-note", "Work note by Anna Agent"),
            tuple("event", "Closed"));
    assertThat(timeline.entries().get(2).actor()).isEqualTo("Flowdesk");
  }
}
