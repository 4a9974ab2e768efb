package io.flowdesk.app.mailbox;

import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.mailbox.InboundMailEntry;
import io.flowdesk.domain.mailbox.InboundMails;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Starts the processes of incidents opened by mail, apart from the mailbox poll: the poll commits
 * the record with its pending {@code domain.inbound_mail} row and goes on with the next mail, and
 * this drains the pending rows, woken by the poll ({@link #wake}, a few threads of this node) and
 * every few seconds by {@link PendingStartJob} (one node), which also finishes what a crash or an
 * unavailable engine left.
 *
 * <p>Each row is claimed with {@code FOR UPDATE SKIP LOCKED} and held for the whole try, so two
 * drains (threads or nodes) never start one incident at once; the start itself is {@link
 * IncidentReporting#startOnce}, which does nothing for an incident that has its instance and finds
 * the instance of an earlier try that died before storing its key. So a crash anywhere between the
 * poll's commit and the row's finish neither loses the start nor starts twice. A failed try is
 * tried again after a back-off (doubling from one second up to {@code
 * flowdesk.mailboxes.start-max-back-off}); the record stays NEW meanwhile, never canceled, since
 * the caller was already told nothing and the engine may only be away.
 */
@Service
class PendingStarts implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(PendingStarts.class);

  private final InboundMails inboundMails;
  private final IncidentRecords incidents;
  private final IncidentReporting reporting;
  private final TransactionOperations transactions;
  private final Duration maxBackOff;
  private final int threads;
  private final ExecutorService drains;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong wakeUps = new AtomicLong();

  PendingStarts(
      final InboundMails inboundMails,
      final IncidentRecords incidents,
      final IncidentReporting reporting,
      final TransactionOperations transactions,
      @Value("${flowdesk.mailboxes.start-max-back-off:PT5M}") final Duration maxBackOff,
      @Value("${flowdesk.mailboxes.start-threads:4}") final int threads) {
    this.inboundMails = inboundMails;
    this.incidents = incidents;
    this.reporting = reporting;
    this.transactions = transactions;
    this.maxBackOff = maxBackOff;
    this.threads = Math.max(1, threads);
    final AtomicInteger names = new AtomicInteger();
    this.drains =
        Executors.newFixedThreadPool(
            this.threads,
            work -> {
              final Thread thread =
                  new Thread(work, "mail-process-start-" + names.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Says that a pending row was committed: one more drain thread runs (up to the configured
   * number), so a burst of mails is started by several threads while a lone mail costs one.
   */
  void wake() {
    wakeUps.incrementAndGet();
    while (true) {
      final int now = running.get();
      if (now >= threads) {
        return; // the running drains see the row, or run again for this wake-up (drainWoken)
      }
      if (running.compareAndSet(now, now + 1)) {
        try {
          drains.execute(this::drainWoken);
        } catch (RejectedExecutionException shuttingDown) {
          running.decrementAndGet();
        }
        return;
      }
    }
  }

  /**
   * Starts every due pending mail's process, one after another, in the calling thread.
   *
   * @return how many rows were tried (started or failed)
   */
  int drain() {
    int tried = 0;
    while (!drains.isShutdown() && startNext()) {
      tried++;
    }
    return tried;
  }

  private void drainWoken() {
    long seen;
    try {
      do {
        seen = wakeUps.get();
        drain();
        // A row committed while this drain found none: go round once more.
      } while (seen != wakeUps.get() && !drains.isShutdown());
    } catch (RuntimeException failed) {
      // The database itself failed; the schedule's drain tries again.
      LOG.warn("Starting processes of mails stopped: {}", failed.getMessage(), failed);
      return;
    } finally {
      running.decrementAndGet();
    }
    // There is a race-condition: a wake-up between the last check and the decrement found every
    // thread running and counted on this one; it is not lost.
    if (seen != wakeUps.get()) {
      wake();
    }
  }

  /** Claims one due pending row and starts its incident's process; false when none is due. */
  private boolean startNext() {
    final Attempt attempt =
        transactions.execute(
            status -> {
              final Optional<InboundMailEntry> due = inboundMails.claimDuePending();
              if (due.isEmpty()) {
                return null;
              }
              try {
                start(due.get());
                inboundMails.finish(due.get().messageId());
                return new Attempt(due.get(), null);
              } catch (RuntimeException failed) {
                status.setRollbackOnly();
                return new Attempt(due.get(), failed);
              }
            });
    if (attempt == null) {
      return false;
    }
    if (attempt.failure() != null) {
      final String reason = reason(attempt.failure());
      LOG.warn(
          "Process of {} (mail {}) not started, tried again later: {}",
          attempt.entry().recordNumber(),
          attempt.entry().messageId(),
          reason);
      inboundMails.startFailed(attempt.entry().messageId(), reason, maxBackOff);
    }
    return true;
  }

  private void start(final InboundMailEntry entry) {
    final Optional<Incident> incident =
        Optional.ofNullable(entry.recordNumber()).flatMap(incidents::findByNumber);
    if (incident.isEmpty() || incident.get().state() == IncidentState.CANCELED) {
      LOG.warn(
          "Mail {}: no open incident {} to start a process for",
          entry.messageId(),
          entry.recordNumber());
      return;
    }
    final Incident started = reporting.startOnce(incident.get(), report(incident.get()));
    LOG.info(
        "Mail {}: {} has process instance {}",
        entry.messageId(),
        started.number(),
        started.processInstanceKey());
  }

  /** The report's variables as the mail gave them, read back from the record. */
  private static Map<String, Object> report(final Incident incident) {
    final Map<String, Object> report = new LinkedHashMap<>();
    report.put("shortDescription", incident.shortDescription());
    report.put("description", incident.description());
    report.put("category", incident.category());
    report.put("impact", incident.impact().name().toLowerCase(Locale.ROOT));
    report.put("urgency", incident.urgency().name().toLowerCase(Locale.ROOT));
    report.put("channel", "email");
    return report;
  }

  private static String reason(final RuntimeException failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  @Override
  public void destroy() throws InterruptedException {
    drains.shutdownNow();
    if (!drains.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warn("Process starts of mails still running at shutdown; their rows stay pending");
    }
  }

  private record Attempt(InboundMailEntry entry, RuntimeException failure) {}
}
