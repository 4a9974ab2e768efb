package io.flowdesk.app.notification;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.domain.notification.NotificationOutbox;
import io.flowdesk.domain.notification.NotificationOutbox.Entry;
import io.flowdesk.domain.notification.NotificationOutbox.RecordFacts;
import io.flowdesk.workers.notify.PersonNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people what the records' notification outbox holds, after the change committed: watchers of
 * a public comment or state change, an incident's caller of a comment on it, an agent of a record
 * given to them, everyone on a major incident of its communication. Each person once per row, never
 * the person who made the change, on the channels they chose for the event's kind ({@link
 * PersonNotifier}). A row is deleted once all are told; a failure (mail server down) keeps it for a
 * later attempt, and the delivery log (job key {@code -<row id>}, apart from the engine's positive
 * job keys) keeps those already told from a second mail.
 */
public class RecordNotices {

  private static final Logger LOG = LoggerFactory.getLogger(RecordNotices.class);

  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final String PROCESS = "process";

  private final NotificationOutbox outbox;
  private final PersonNotifier notifier;
  private final Directory directory;
  private final int batchSize;

  RecordNotices(
      final NotificationOutbox outbox,
      final PersonNotifier notifier,
      final Directory directory,
      final int batchSize) {
    this.outbox = outbox;
    this.notifier = notifier;
    this.directory = directory;
    this.batchSize = batchSize;
  }

  /**
   * Sends what is due at {@code now}.
   *
   * @return how many rows were handled (told or put off)
   */
  public int runOnce(final Instant now) {
    int handled = 0;
    List<Entry> due;
    do {
      due = outbox.claimDue(now, LEASE, batchSize);
      for (final Entry entry : due) {
        attempt(entry, now);
        handled++;
      }
    } while (due.size() == batchSize);
    return handled;
  }

  private void attempt(final Entry entry, final Instant now) {
    try {
      tell(entry);
      outbox.done(entry.id());
    } catch (RuntimeException e) {
      final Duration wait = backoff(entry.attempts());
      LOG.warn(
          "Notification {} ({} on {} {}) failed, attempt {}; next in {}: {}",
          entry.id(),
          entry.event(),
          entry.recordKind(),
          entry.recordId(),
          entry.attempts(),
          wait,
          e.toString());
      outbox.failed(entry.id(), e.toString(), now.plus(wait));
    }
  }

  private static Duration backoff(final int attempts) {
    final long seconds = 15L << Math.min(attempts, 12);
    return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
  }

  private void tell(final Entry entry) {
    final Optional<RecordFacts> found = outbox.facts(entry.recordKind(), entry.recordId());
    if (found.isEmpty()) {
      return;
    }
    final RecordFacts record = found.get();
    switch (entry.event()) {
      case "watched-record-commented" -> commented(entry, record);
      case "watched-record-state-changed" -> stateChanged(entry, record);
      case "assigned-to-me" -> assigned(entry, record);
      case "major-incident-communication" -> communicated(entry, record);
      default -> LOG.warn("Notification {} has unknown event {}", entry.id(), entry.event());
    }
  }

  /** The caller of an incident reads the comment as theirs; watchers as watchers; one mail each. */
  private void commented(final Entry entry, final RecordFacts record) {
    final Optional<String> text =
        entry.journalId() == null
            ? Optional.empty()
            : outbox.publicComment(entry.recordKind(), entry.journalId());
    if (text.isEmpty()) {
      return;
    }
    final Map<String, Object> values = recordValues(record);
    values.put("comment.author", name(entry.actor()));
    values.put("comment.text", text.get());
    final Set<String> told = new LinkedHashSet<>();
    told.add(entry.actor());
    if (entry.recordKind().equals("incident")) {
      for (final String caller : record.owners()) {
        if (told.add(caller)) {
          send(entry, caller, NotificationEvent.INCIDENT_COMMENTED, values, record, true);
        }
      }
    }
    for (final String watcher : record.watchers()) {
      if (told.add(watcher)) {
        send(entry, watcher, NotificationEvent.WATCHED_RECORD_COMMENTED, values, record, false);
      }
    }
  }

  /** Watchers only: the record's own people hear of its states from its process. */
  private void stateChanged(final Entry entry, final RecordFacts record) {
    final Map<String, Object> values = recordValues(record);
    values.put("change.author", name(entry.actor()));
    values.put("state.old", state(entry.oldValue()));
    values.put("state.new", state(entry.newValue()));
    final Set<String> skip = new LinkedHashSet<>(record.owners());
    skip.add(entry.actor());
    for (final String watcher : record.watchers()) {
      if (skip.add(watcher)) {
        send(entry, watcher, NotificationEvent.WATCHED_RECORD_STATE_CHANGED, values, record, false);
      }
    }
  }

  private void assigned(final Entry entry, final RecordFacts record) {
    final String assignee = entry.newValue();
    if (assignee == null || assignee.equals(entry.actor())) {
      return;
    }
    final Map<String, Object> values = recordValues(record);
    values.put("assignment.by", name(entry.actor()));
    send(entry, assignee, NotificationEvent.ASSIGNED_TO_ME, values, record, false);
  }

  /**
   * The callers of the parent and of every child, and their watchers, each once (by the first
   * incident they were found on, parent first), with the link to that incident.
   */
  private void communicated(final Entry entry, final RecordFacts parent) {
    final Optional<String> text =
        entry.journalId() == null
            ? Optional.empty()
            : outbox.publicComment("incident", entry.journalId());
    if (text.isEmpty()) {
      return;
    }
    final List<RecordFacts> incidents = new ArrayList<>(List.of(parent));
    for (final long child : outbox.children(entry.recordId())) {
      outbox.facts("incident", child).ifPresent(incidents::add);
    }
    final Set<String> told = new LinkedHashSet<>();
    told.add(entry.actor());
    for (final boolean callers : new boolean[] {true, false}) {
      for (final RecordFacts incident : incidents) {
        final Map<String, Object> values = recordValues(incident);
        values.put("communication.author", name(entry.actor()));
        values.put("communication.text", text.get());
        for (final String person : callers ? incident.owners() : incident.watchers()) {
          if (told.add(person)) {
            send(
                entry,
                person,
                NotificationEvent.MAJOR_INCIDENT_COMMUNICATION,
                values,
                incident,
                callers);
          }
        }
      }
    }
  }

  private void send(
      final Entry entry,
      final String username,
      final NotificationEvent event,
      final Map<String, Object> values,
      final RecordFacts record,
      final boolean owner) {
    notifier.notify(
        -entry.id(),
        username,
        event,
        values,
        record.number(),
        null,
        owner ? notifier.portalLink(record.number()) : notifier.link(agentPage(entry, record)));
  }

  /** Where an agent opens the record; the portal page is the caller's. */
  private static String agentPage(final Entry entry, final RecordFacts record) {
    return switch (entry.recordKind()) {
      case "request" -> "/requests/" + record.number();
      case "change" -> "/changes/" + record.number();
      case "problem" -> "/problems/" + record.number();
      default -> "/incidents/" + record.number();
    };
  }

  private static Map<String, Object> recordValues(final RecordFacts record) {
    final Map<String, Object> values = new LinkedHashMap<>();
    values.put("record.number", record.number());
    values.put("record.title", record.title());
    values.put("record.priority", record.priority() == null ? "" : record.priority());
    return values;
  }

  private String name(final String username) {
    if (PROCESS.equals(username)) {
      return "Flowdesk";
    }
    return directory.person(username).map(Person::displayName).orElse(username);
  }

  /** {@code IN_PROGRESS} as people read it: "in progress". */
  private static String state(final String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
