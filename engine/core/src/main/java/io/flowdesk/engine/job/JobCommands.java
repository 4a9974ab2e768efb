package io.flowdesk.engine.job;

import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.execution.JobResult;
import io.flowdesk.engine.instance.ProcessInstanceCommands;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.EngineEvents;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What workers do with the jobs they hold: complete, fail, throw an error, and what operators do:
 * change retries and timeouts. Each runs under the lock of the job's process instance.
 */
public final class JobCommands {

  private final JdbcClient jdbc;
  private final ProcessInstanceCommands instances;
  private final EngineClock clock;
  private final EngineEvents events;

  public JobCommands(
      final JdbcClient jdbc,
      final ProcessInstanceCommands instances,
      final EngineClock clock,
      final EngineEvents events) {
    this.jdbc = jdbc;
    this.instances = instances;
    this.clock = clock;
    this.events = events;
  }

  public void complete(final long jobKey, final Map<String, Object> variables) {
    complete(jobKey, variables, JobResult.NONE);
  }

  /**
   * Completes a job; a task listener's job may carry a result that denies its user task's
   * transition or corrects the task, which other jobs may not.
   */
  public void complete(
      final long jobKey, final Map<String, Object> variables, final JobResult result) {
    final JobCommand<Void> completion =
        (job, state, execution) -> {
          requireNotFailed(job, "complete");
          record(state, job, "COMPLETED", Map.of("variables", variables));
          final Optional<TaskListener.EventType> taskEvent =
              TaskListener.EventType.ofJob(job.listenerEventType());
          if (taskEvent.isPresent()) {
            execution.completeTaskListener(
                jobKey, job.elementInstanceKey(), taskEvent.get(), variables, result);
            return null;
          }
          if (result.given()) {
            throw Rejection.invalidArgument(
                "Expected to complete job with key '"
                    + jobKey
                    + "' without a user task result, but it is not a task listener's job");
          }
          if (NewJob.AD_HOC_SUB_PROCESS.equals(job.listenerEventType())) {
            execution.completeAdHocSubProcessJob(
                job.elementInstanceKey(),
                variables,
                result.adHoc() == null ? JobResult.AdHocResult.NONE : result.adHoc());
            return null;
          }
          if (result.adHoc() != null) {
            throw Rejection.invalidArgument(
                "Expected an 'adHocSubProcess' result only for the job of an ad-hoc"
                    + " sub-process, but job with key '"
                    + jobKey
                    + "' is not the job of an ad-hoc sub-process");
          }
          if (job.listenerEventType() != null) {
            execution.completeExecutionListener(job.elementInstanceKey(), variables);
          } else {
            execution.completeJob(job.elementInstanceKey(), variables);
          }
          return null;
        };
    try {
      onJob(jobKey, "complete", true, completion);
    } catch (Rejection rejection) {
      if (rejection.type() != Rejection.Type.NOT_FOUND || !cancelingListenerJob(jobKey)) {
        throw rejection;
      }
      // The instance was canceled: its user tasks' canceling listeners still complete.
      instances.onEndedInstanceOfJob(
          jobKey,
          () -> notFound(jobKey, "complete"),
          (state, execution) ->
              completion.apply(
                  deleteJob(jobKey).orElseThrow(() -> notFound(jobKey, "complete")),
                  state,
                  execution));
    }
  }

  private boolean cancelingListenerJob(final long jobKey) {
    return jdbc.sql(
                "SELECT count(*) FROM engine.job WHERE key = ? AND listener_event_type = 'CANCELING'")
            .param(jobKey)
            .query(Long.class)
            .single()
        > 0;
  }

  public void fail(
      final long jobKey,
      final int retries,
      final String errorMessage,
      final Duration backoff,
      final Map<String, Object> variables) {
    final String type =
        onJob(
            jobKey,
            "fail",
            (job, state, execution) -> {
              if (!"ACTIVATED".equals(job.state())) {
                throw Rejection.invalidState(
                    "Expected to fail activated job with key '"
                        + jobKey
                        + "', but it is in state '"
                        + job.state()
                        + "'");
              }
              execution.setVariables(job.elementInstanceKey(), variables, true);
              final Map<String, Object> payload = new LinkedHashMap<>();
              payload.put("retries", retries);
              payload.put("errorMessage", errorMessage);
              payload.put("retryBackoff", backoff.toMillis());
              if (retries > 0) {
                final Timestamp activatableAt =
                    backoff.isZero() ? null : Timestamp.from(clock.now().plus(backoff));
                jdbc.sql(
                        "UPDATE engine.job SET state = 'ACTIVATABLE', retries = ?, deadline = NULL,"
                            + " worker = NULL, error_message = ?, activatable_at = ? WHERE key = ?")
                    .params(retries, errorMessage, activatableAt, jobKey)
                    .update();
                record(state, job, "FAILED", payload);
              } else {
                markFailed(jobKey, 0, errorMessage);
                record(state, job, "FAILED", payload);
                execution.raiseIncident(
                    job.elementInstanceKey(),
                    "JOB_NO_RETRIES",
                    errorMessage == null || errorMessage.isBlank()
                        ? "No more retries left."
                        : errorMessage,
                    jobKey,
                    "JOB");
              }
              return job.type();
            });
    events.jobsAvailable(type);
  }

  /**
   * Throws a BPMN error from the job's task: the innermost matching error boundary event or error
   * event sub-process catches it, with the variables; when none does, an incident is raised, as in
   * Zeebe.
   */
  public void throwError(
      final long jobKey,
      final String errorCode,
      final String errorMessage,
      final Map<String, Object> variables) {
    if (errorCode == null || errorCode.isBlank()) {
      throw Rejection.invalidArgument("Expected to throw an error with a non-empty error code");
    }
    onJob(
        jobKey,
        "throw an error for",
        (job, state, execution) -> {
          requireNotFailed(job, "throw an error for");
          // An ad-hoc sub-process's worker may throw, as the AI Agent does, to its boundary events.
          if (job.listenerEventType() != null
              && !NewJob.AD_HOC_SUB_PROCESS.equals(job.listenerEventType())) {
            throw Rejection.invalidState(
                "Expected to throw an error for job with key '"
                    + jobKey
                    + "', but it is the job of "
                    + (TaskListener.EventType.ofJob(job.listenerEventType()).isPresent()
                        ? "a task listener"
                        : "an execution listener")
                    + ", which cannot throw BPMN errors");
          }
          markFailed(jobKey, job.retries(), errorMessage);
          final Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("errorCode", errorCode);
          payload.put("errorMessage", errorMessage);
          record(state, job, "ERROR_THROWN", payload);
          if (execution.throwError(job.elementInstanceKey(), errorCode, variables)) {
            return null;
          }
          execution.setVariables(job.elementInstanceKey(), variables, true);
          execution.raiseIncident(
              job.elementInstanceKey(),
              "UNHANDLED_ERROR_EVENT",
              "Expected to throw an error event with the code '"
                  + errorCode
                  + "' with message '"
                  + (errorMessage == null ? "" : errorMessage)
                  + "', but it was not caught. No error events are available in the scope.",
              jobKey,
              "JOB");
          return null;
        });
  }

  public void updateRetries(final long jobKey, final int retries) {
    update(jobKey, retries, null);
  }

  public void updateTimeout(final long jobKey, final Duration timeout) {
    update(jobKey, null, timeout);
  }

  /**
   * Changes a job's retries and/or timeout (the deadline becomes now + timeout) in one command:
   * either both changes happen or neither.
   */
  public void update(final long jobKey, final Integer retries, final Duration timeout) {
    if (retries == null && timeout == null) {
      throw Rejection.invalidArgument(
          "Expected to update job with key '"
              + jobKey
              + "' with new retries and/or a new timeout, but neither was given");
    }
    if (retries != null && retries < 1) {
      throw Rejection.invalidArgument(
          "Expected to update retries for job with key '"
              + jobKey
              + "' with a positive amount of retries, but the amount given was '"
              + retries
              + "'");
    }
    onJob(
        jobKey,
        timeout == null ? "update retries of" : "update the timeout of",
        (job, state, execution) -> {
          if (timeout != null && !"ACTIVATED".equals(job.state())) {
            throw Rejection.invalidState(
                "Expected to update the timeout of job with key '"
                    + jobKey
                    + "', but it is not active");
          }
          if (retries != null) {
            jdbc.sql("UPDATE engine.job SET retries = ? WHERE key = ?")
                .params(retries, jobKey)
                .update();
            record(state, job, "RETRIES_UPDATED", Map.of("retries", retries));
          }
          if (timeout != null) {
            final Timestamp deadline = Timestamp.from(clock.now().plus(timeout));
            jdbc.sql("UPDATE engine.job SET deadline = ? WHERE key = ?")
                .params(deadline, jobKey)
                .update();
            record(state, job, "TIMEOUT_UPDATED", Map.of("deadline", deadline.getTime()));
          }
          return null;
        });
  }

  private void markFailed(final long jobKey, final int retries, final String errorMessage) {
    jdbc.sql(
            "UPDATE engine.job SET state = 'FAILED', retries = ?, deadline = NULL, worker = NULL,"
                + " error_message = ? WHERE key = ?")
        .params(retries, errorMessage, jobKey)
        .update();
  }

  private static void requireNotFailed(final JobRow job, final String action) {
    if ("FAILED".equals(job.state())) {
      throw Rejection.invalidState(
          "Expected to "
              + action
              + " job with key '"
              + job.key()
              + "', but it is in state 'FAILED' (it has an incident)");
    }
  }

  private static void record(
      final InstanceState state,
      final JobRow job,
      final String intent,
      final Map<String, Object> payload) {
    final Map<String, Object> full = new LinkedHashMap<>(payload);
    full.put("type", job.type());
    full.put("elementInstanceKey", job.elementInstanceKey());
    state.append(
        new PendingRecord(
            job.key(), "JOB", intent, job.processInstanceKey(), job.elementId(), full));
  }

  @FunctionalInterface
  interface JobCommand<T> {
    T apply(JobRow job, InstanceState state, BpmnExecution execution);
  }

  private <T> T onJob(final long jobKey, final String action, final JobCommand<T> command) {
    return onJob(jobKey, action, false, command);
  }

  /**
   * Runs {@code command} under the lock of the job's process instance. With {@code delete} the job
   * row is removed as it is read (completion); a rejection rolls that back with the rest.
   */
  private <T> T onJob(
      final long jobKey, final String action, final boolean delete, final JobCommand<T> command) {
    return instances.onInstanceOfJob(
        jobKey,
        () -> notFound(jobKey, action),
        (state, execution) -> {
          final JobRow job =
              (delete ? deleteJob(jobKey) : lockJob(jobKey))
                  .orElseThrow(() -> notFound(jobKey, action));
          return command.apply(job, state, execution);
        });
  }

  private Optional<JobRow> lockJob(final long jobKey) {
    return readJob(
        "SELECT key, type, state, retries, process_instance_key, element_instance_key, element_id,"
            + " listener_event_type FROM engine.job WHERE key = ? FOR UPDATE",
        jobKey);
  }

  private Optional<JobRow> deleteJob(final long jobKey) {
    return readJob(
        "DELETE FROM engine.job WHERE key = ? RETURNING key, type, state, retries,"
            + " process_instance_key, element_instance_key, element_id, listener_event_type",
        jobKey);
  }

  private Optional<JobRow> readJob(final String sql, final long jobKey) {
    return jdbc.sql(sql)
        .param(jobKey)
        .query(
            (rs, n) ->
                new JobRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getString(7),
                    rs.getString(8)))
        .optional();
  }

  private static Rejection notFound(final long jobKey, final String action) {
    return Rejection.notFound(
        "Expected to " + action + " job with key '" + jobKey + "', but no such job was found");
  }
}
