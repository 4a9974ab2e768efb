package io.flowdesk.app.record;

import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One record's history in words as it is put together: each kind adds its own events (what its
 * audit trail means), the journal goes in the same way for every kind, and {@link #entries} answers
 * them oldest first. A history for callers takes no work notes, whoever hands them in. Names are
 * looked up once per history. Made by {@link Timelines}.
 */
public final class Timeline {

  private final Directory directory;
  private final boolean agentsView;
  private final Map<String, String> people = new HashMap<>();
  private final Map<String, String> groups = new HashMap<>();
  private final List<TimelineEntry> entries = new ArrayList<>();

  Timeline(final Directory directory, final boolean agentsView) {
    this.directory = directory;
    this.agentsView = agentsView;
  }

  /** Whether this is the agents' view, where internal work notes and reasons show. */
  public boolean agentsView() {
    return agentsView;
  }

  /** How a person is shown: display name, "Flowdesk" for the process, "Someone" for nobody. */
  public String person(final String username) {
    if (username == null) {
      return "Someone";
    }
    if (Actor.PROCESS.equals(username)) {
      return "Flowdesk";
    }
    return people.computeIfAbsent(
        username, u -> directory.person(u).map(Person::displayName).orElse(u));
  }

  /** How an assignment group is shown: its display name. */
  public String group(final String name) {
    return groups.computeIfAbsent(
        name, n -> directory.group(n).map(AssignmentGroup::displayName).orElse(n));
  }

  /** A change, e.g. "Priority set to P3"; {@code text} are its own words, if any. */
  public void event(final Instant at, final String actor, final String summary, final String text) {
    entries.add(new TimelineEntry(at, actor, "event", summary, text));
  }

  /** Words someone addressed to the record's people, e.g. an approver's reason. */
  public void comment(
      final Instant at, final String actor, final String summary, final String text) {
    entries.add(new TimelineEntry(at, actor, "comment", summary, text));
  }

  /** The record's journal; work notes only in the agents' view. */
  public void journal(final List<JournalEntry> journal) {
    for (final JournalEntry note : journal) {
      final boolean workNote = note.kind() == JournalKind.WORK_NOTE;
      if (workNote && !agentsView) {
        continue;
      }
      final String author = person(note.author());
      entries.add(
          new TimelineEntry(
              note.createdAt(),
              author,
              workNote ? "work-note" : "comment",
              (workNote ? "Work note by " : "Comment by ") + author,
              note.text()));
    }
  }

  /** The history so far, oldest first (what happened at the same moment, in the order added). */
  public List<TimelineEntry> entries() {
    final List<TimelineEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(TimelineEntry::at));
    return List.copyOf(sorted);
  }
}
