package io.flowdesk.app.notification;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.domain.notification.NotificationOutbox;
import io.flowdesk.domain.notification.NotificationOutbox.Entry;
import io.flowdesk.domain.notification.NotificationOutbox.RecordFacts;
import io.flowdesk.domain.request.RequestState;
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
 * a public comment or state change, an incident's caller of a comment on it, the requester of a
 * request, change or problem of another person's comment on it and of its state changes, an agent
 * of a record given to them, everyone on a major incident of its communication. Each person once
 * per row, never the person who made the change, on the channels they chose for the event's kind
 * ({@link PersonNotifier}). A row is deleted once all are told; a failure (mail server down) keeps
 * it for a later attempt, and the delivery log (job key {@code -<row id>}, apart from the engine's
 * positive job keys) keeps those already told from a second mail.
 */
public class RecordNotices {

  private static final Logger LOG = LoggerFactory.getLogger(RecordNotices.class);

  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final String PROCESS = "process";
  private static final String INCIDENT = "incident";
  private static final String REQUEST = "request";

  /** The states a request's process tells its requester of itself ({@code RequestStageWorker}). */
  private static final Set<String> TOLD_BY_THE_REQUEST_PROCESS =
      Set.of(RequestState.FULFILLED.name(), RequestState.REJECTED.name());

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

  /**
   * The caller of an incident reads the comment as theirs, as does the requester of a request,
   * change or problem; watchers read it as watchers; one mail each. A comment the process wrote on
   * a request, change or problem goes with a state move, which its requester hears of (or the
   * process's own mail tells them), so it does not reach them a second time.
   */
  private void commented(final Entry entry, final RecordFacts record) {
    final Optional<String> text =
        entry.journalId() == null
            ? Optional.empty()
            : outbox.publicComment(entry.recordKind(), entry.journalId());
    if (text.isEmpty()) {
      return;
    }
    final Map<String, Object> values = recordValues(entry, record);
    values.put("comment.author", name(entry.actor()));
    values.put("comment.text", text.get());
    final Set<String> told = new LinkedHashSet<>();
    told.add(entry.actor());
    if (entry.recordKind().equals(INCIDENT)) {
      for (final String caller : record.owners()) {
        if (told.add(caller)) {
          send(
              entry,
              caller,
              NotificationEvent.INCIDENT_COMMENTED,
              values,
              record,
              ownerLink(entry, record));
        }
      }
    } else if (!PROCESS.equals(entry.actor())) {
      for (final String requester : record.owners()) {
        if (told.add(requester)) {
          send(
              entry,
              requester,
              NotificationEvent.MY_RECORD_COMMENTED,
              values,
              record,
              ownerLink(entry, record));
        }
      }
    }
    told.addAll(record.owners());
    for (final String watcher : record.watchers()) {
      if (told.add(watcher)) {
        send(
            entry,
            watcher,
            NotificationEvent.WATCHED_RECORD_COMMENTED,
            values,
            record,
            agentLink(entry, record));
      }
    }
  }

  /**
   * The requester of a request, change or problem hears of every move someone else made (except the
   * fulfilment and rejection of a request, which its process tells the requester itself); an
   * incident's caller hears of its states from the incident process. Watchers besides them read it
   * as watchers.
   */
  private void stateChanged(final Entry entry, final RecordFacts record) {
    final Map<String, Object> values = recordValues(entry, record);
    values.put("change.author", name(entry.actor()));
    values.put("state.old", state(entry.oldValue()));
    values.put("state.new", state(entry.newValue()));
    final Set<String> told = new LinkedHashSet<>();
    told.add(entry.actor());
    if (!entry.recordKind().equals(INCIDENT)) {
      final List<String> owners = record.owners();
      for (int i = 0; i < owners.size(); i++) {
        final boolean toldByProcess =
            i == 0
                && entry.recordKind().equals(REQUEST)
                && TOLD_BY_THE_REQUEST_PROCESS.contains(entry.newValue());
        if (told.add(owners.get(i)) && !toldByProcess) {
          send(
              entry,
              owners.get(i),
              NotificationEvent.MY_RECORD_STATE_CHANGED,
              values,
              record,
              ownerLink(entry, record));
        }
      }
    }
    told.addAll(record.owners());
    for (final String watcher : record.watchers()) {
      if (told.add(watcher)) {
        send(
            entry,
            watcher,
            NotificationEvent.WATCHED_RECORD_STATE_CHANGED,
            values,
            record,
            agentLink(entry, record));
      }
    }
  }

  private void assigned(final Entry entry, final RecordFacts record) {
    final String assignee = entry.newValue();
    if (assignee == null || assignee.equals(entry.actor())) {
      return;
    }
    final Map<String, Object> values = recordValues(entry, record);
    values.put("assignment.by", name(entry.actor()));
    send(
        entry,
        assignee,
        NotificationEvent.ASSIGNED_TO_ME,
        values,
        record,
        agentLink(entry, record));
  }

  /**
   * The callers of the parent and of every child, and their watchers, each once (by the first
   * incident they were found on, parent first), with the link to that incident.
   */
  private void communicated(final Entry entry, final RecordFacts parent) {
    final Optional<String> text =
        entry.journalId() == null
            ? Optional.empty()
            : outbox.publicComment(INCIDENT, entry.journalId());
    if (text.isEmpty()) {
      return;
    }
    final List<RecordFacts> incidents = new ArrayList<>(List.of(parent));
    for (final long child : outbox.children(entry.recordId())) {
      outbox.facts(INCIDENT, child).ifPresent(incidents::add);
    }
    final Set<String> told = new LinkedHashSet<>();
    told.add(entry.actor());
    for (final boolean callers : new boolean[] {true, false}) {
      for (final RecordFacts incident : incidents) {
        final Map<String, Object> values = recordValues(entry, incident);
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
                callers ? ownerLink(entry, incident) : agentLink(entry, incident));
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
      final String link) {
    notifier.notify(-entry.id(), username, event, values, record.number(), null, link);
  }

  /**
   * The page the record's own person opens: the portal's for incidents and requests; the agents'
   * page for changes and problems, whose requesters are agents (the portal has no page for them).
   */
  private String ownerLink(final Entry entry, final RecordFacts record) {
    final String portal = notifier.portalLink(record.number());
    return portal != null ? portal : agentLink(entry, record);
  }

  private String agentLink(final Entry entry, final RecordFacts record) {
    return notifier.link(agentPage(entry, record));
  }

  /** Where an agent opens the record. */
  private static String agentPage(final Entry entry, final RecordFacts record) {
    return switch (entry.recordKind()) {
      case REQUEST -> "/requests/" + record.number();
      case "change" -> "/changes/" + record.number();
      case "problem" -> "/problems/" + record.number();
      default -> "/incidents/" + record.number();
    };
  }

  private static Map<String, Object> recordValues(final Entry entry, final RecordFacts record) {
    final Map<String, Object> values = new LinkedHashMap<>();
    values.put("record.kind", entry.recordKind());
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
