package io.flowdesk.engine.job;

import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open job streams (StreamActivatedJobs), by job type. As Zeebe pushes a job the moment it is
 * created, a job created while a stream of its type is open is activated for that stream by the
 * very command that creates it (one transaction, no claim afterwards) and pushed once the command
 * committed. Jobs that exist before a stream opens, or come back after a failure or a timeout, are
 * claimed for streams through {@link JobActivator} like any other. A stream whose worker does not
 * keep up gets no new jobs until it is ready again (back-pressure).
 */
public final class JobStreams {

  /** Where a stream's jobs go; answers false when the stream is gone. */
  public interface Sink {
    boolean push(ActivatedJob job);

    /**
     * Whether the worker keeps up: false while what was pushed before still waits in the transport
     * (gRPC flow control), so that no more jobs pile up in memory for a slow worker.
     */
    default boolean ready() {
      return true;
    }
  }

  /** One open stream: who works its jobs, for how long, with which variables. */
  public record Stream(
      String type, String worker, Duration timeout, Set<String> fetchVariables, Sink sink) {}

  /** A job a command activated for a stream, to push once the command committed. */
  public record Push(Stream stream, ActivatedJob job) {}

  private final Map<String, List<Stream>> open = new ConcurrentHashMap<>();
  private final AtomicInteger turn = new AtomicInteger();
  private final JobActivator activator;

  public JobStreams(final JobActivator activator) {
    this.activator = activator;
  }

  /** Adds a stream; the answer closes it. */
  public Runnable open(final Stream stream) {
    open.computeIfAbsent(stream.type(), type -> new CopyOnWriteArrayList<>()).add(stream);
    return () ->
        open.computeIfPresent(
            stream.type(),
            (type, streams) -> {
              streams.remove(stream);
              return streams.isEmpty() ? null : streams;
            });
  }

  /**
   * Activates the instance's new jobs that a stream is open for, taking the streams of a type in
   * turn; answers what to push after the commit.
   */
  public List<Push> activateNewJobs(final InstanceState state, final Instant now) {
    if (open.isEmpty() || state.newJobs().isEmpty()) {
      return List.of();
    }
    final List<Push> pushes = new ArrayList<>();
    for (final NewJob job : state.newJobs()) {
      next(job.type())
          .ifPresent(
              stream -> {
                // Whole milliseconds, as workers see it, so that a failed push can be yielded.
                final Instant deadline = now.plus(stream.timeout()).truncatedTo(ChronoUnit.MILLIS);
                state.claimNewJob(job.key(), new InstanceState.JobClaim(stream.worker(), deadline));
                final ActivatedJob activated =
                    activated(
                        job,
                        stream,
                        deadline,
                        fetched(
                            state.visibleVariables(job.elementInstanceKey()),
                            stream.fetchVariables()));
                state.append(JobActivator.activatedRecord(activated));
                pushes.add(new Push(stream, activated));
              });
    }
    return pushes;
  }

  /** Pushes what commands activated; a job whose stream went away is activatable again at once. */
  public void deliver(final List<Push> pushes) {
    for (final Push push : pushes) {
      if (!push.stream().sink().push(push.job())) {
        activator.yieldBack(List.of(push.job()));
      }
    }
  }

  private Optional<Stream> next(final String type) {
    final List<Stream> streams = open.get(type);
    if (streams == null || streams.isEmpty()) {
      return Optional.empty();
    }
    // Streams whose worker does not keep up are passed over: the job stays activatable for the
    // other streams and for polls, and the slow one claims it when it is ready again.
    final int size = streams.size();
    final int first = turn.getAndIncrement();
    for (int i = 0; i < size; i++) {
      final Stream stream;
      try {
        stream = streams.get(Math.floorMod(first + i, size));
      } catch (IndexOutOfBoundsException closedMeanwhile) {
        return Optional.empty();
      }
      if (stream.sink().ready()) {
        return Optional.of(stream);
      }
    }
    return Optional.empty();
  }

  private static Map<String, Object> fetched(
      final Map<String, Object> visible, final Set<String> names) {
    if (names.isEmpty()) {
      return visible;
    }
    final Map<String, Object> fetched = new LinkedHashMap<>(visible);
    fetched.keySet().retainAll(names);
    return fetched;
  }

  private static ActivatedJob activated(
      final NewJob job,
      final Stream stream,
      final Instant deadline,
      final Map<String, Object> variables) {
    return new ActivatedJob(
        job.key(),
        job.type(),
        job.processInstanceKey(),
        job.bpmnProcessId(),
        job.processDefinitionVersion(),
        job.processDefinitionKey(),
        job.elementId(),
        job.elementInstanceKey(),
        Json.write(job.customHeaders()),
        stream.worker(),
        job.retries(),
        deadline.toEpochMilli(),
        variables,
        job.listenerEventType(),
        job.userTask());
  }
}
