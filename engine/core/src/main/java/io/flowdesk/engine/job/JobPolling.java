package io.flowdesk.engine.job;

import io.flowdesk.engine.support.EngineEvents;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Job activation with long polling, without a thread per waiting worker: a poll that finds no jobs
 * waits for the signal that jobs of its type were created (or a periodic re-poll), and answers
 * once, with jobs or empty when its time is up. Both gateways poll through here, so a job goes to
 * exactly one worker whichever protocol it uses.
 */
public final class JobPolling {

  // Re-poll even without a signal, for jobs made activatable by another node or by hand.
  private static final long REPOLL_MILLIS = 1_000;

  private final JobActivator activator;
  private final EngineEvents events;
  private final ScheduledExecutorService timers;
  private final Executor claims;

  /**
   * @param timers runs deadlines and re-polls; its tasks only hand work to {@code claims}
   * @param claims runs the claims (database work) of waiting polls
   */
  public JobPolling(
      final JobActivator activator,
      final EngineEvents events,
      final ScheduledExecutorService timers,
      final Executor claims) {
    this.activator = activator;
    this.events = events;
    this.timers = timers;
    this.claims = claims;
  }

  /** Hears the single answer of a poll. */
  public interface Answer {
    /**
     * Hands the jobs claimed for the worker over (empty when none came in time); answers whether
     * they reached it. Jobs that did not are yielded back at once.
     */
    boolean jobs(List<ActivatedJob> jobs);

    /** Claiming failed (e.g. the database is unreachable). */
    void failed(RuntimeException error);
  }

  /** A poll in progress; cancelling it (the client went away) claims nothing more. */
  public interface Poll {
    void cancel();
  }

  /**
   * Claims jobs for {@code request}; the answer may come before this method returns (jobs were
   * there) or later from another thread.
   */
  public Poll activate(final ActivationRequest request, final Answer answer) {
    final Waiter waiter = new Waiter(request, answer);
    if (waiter.attempt(false)) {
      return waiter;
    }
    final long waitMillis = request.longPollMillis();
    if (waitMillis <= 0) {
      waiter.finish(List.of(), null);
      return waiter;
    }
    waiter.startWaiting(waitMillis);
    return waiter;
  }

  private final class Waiter implements Poll, Consumer<String> {

    private final ActivationRequest request;
    private final Answer answer;
    private boolean done;
    private boolean claimScheduled;
    private ScheduledFuture<?> deadline;
    private ScheduledFuture<?> repoll;

    Waiter(final ActivationRequest request, final Answer answer) {
      this.request = request;
      this.answer = answer;
    }

    void startWaiting(final long waitMillis) {
      synchronized (this) {
        // The answer is written from a claim thread: a slow client must not hold up the timers.
        deadline =
            timers.schedule(() -> claims.execute(this::expire), waitMillis, TimeUnit.MILLISECONDS);
        repoll =
            timers.scheduleWithFixedDelay(
                this::scheduleClaim, REPOLL_MILLIS, REPOLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      events.onJobsAvailable(this);
      synchronized (this) {
        // Answered in the meantime: stop() may have run before the listener was added.
        if (done) {
          events.removeJobListener(this);
          return;
        }
      }
      // Jobs created between the first attempt and the listener would otherwise wait a re-poll.
      scheduleClaim();
    }

    @Override
    public void accept(final String type) {
      if (type.equals(request.type())) {
        scheduleClaim();
      }
    }

    private void scheduleClaim() {
      synchronized (this) {
        if (done || claimScheduled) {
          return;
        }
        claimScheduled = true;
      }
      claims.execute(() -> attempt(true));
    }

    /**
     * Claims under the waiter's lock, so that a deadline cannot answer empty while jobs are being
     * claimed for this waiter (they would be lost until their timeout).
     */
    synchronized boolean attempt(final boolean scheduled) {
      if (scheduled) {
        claimScheduled = false;
      }
      if (done) {
        return true;
      }
      final List<ActivatedJob> jobs;
      try {
        jobs =
            activator.activate(
                request.type(),
                request.worker(),
                request.timeout(),
                request.maxJobs(),
                request.fetchVariables());
      } catch (RuntimeException e) {
        finish(null, e);
        return true;
      }
      if (jobs.isEmpty()) {
        return false;
      }
      finish(jobs, null);
      return true;
    }

    private synchronized void expire() {
      if (!done) {
        finish(List.of(), null);
      }
    }

    @Override
    public synchronized void cancel() {
      if (!done) {
        stop();
      }
    }

    synchronized void finish(final List<ActivatedJob> jobs, final RuntimeException error) {
      stop();
      if (error != null) {
        answer.failed(error);
      } else if (!answer.jobs(jobs)) {
        activator.yieldBack(jobs);
      }
    }

    private void stop() {
      done = true;
      events.removeJobListener(this);
      if (deadline != null) {
        deadline.cancel(false);
        repoll.cancel(false);
      }
    }
  }
}
