package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UserTaskProperties;
import io.flowdesk.engine.job.ActivationRequest;
import io.flowdesk.engine.job.JobActivator;
import io.flowdesk.engine.job.JobPolling;
import io.flowdesk.engine.job.JobStreams;
import io.flowdesk.engine.support.EngineEvents;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Tenants;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * ActivateJobs through {@link JobPolling} (long polling without a blocked thread), and
 * StreamActivatedJobs: a stream gets the jobs created while it is open from the creating command
 * ({@link JobStreams}), and claims those that were activatable before, or became so again, through
 * {@link JobActivator}, as polls do, so a job goes to exactly one worker. A stream whose worker
 * does not read what was pushed gets nothing more until it does (gRPC flow control's readiness).
 */
public final class JobActivation {

  private static final int STREAM_BATCH = 32;

  private final JobActivator activator;
  private final JobPolling polling;
  private final JobStreams streams;
  private final EngineEvents events;
  private final ExecutorService streamExecutor;

  public JobActivation(
      final JobActivator activator,
      final JobPolling polling,
      final JobStreams streams,
      final EngineEvents events,
      final ExecutorService streamExecutor) {
    this.activator = activator;
    this.polling = polling;
    this.streams = streams;
    this.events = events;
    this.streamExecutor = streamExecutor;
  }

  void activate(
      final ActivateJobsRequest request, final StreamObserver<ActivateJobsResponse> observer) {
    final ActivationRequest activation;
    try {
      Tenants.requireDefault(request.getTenantIdsList());
      activation =
          new ActivationRequest(
              request.getType(),
              request.getWorker(),
              Duration.ofMillis(request.getTimeout()),
              request.getMaxJobsToActivate(),
              new LinkedHashSet<>(request.getFetchVariableList()),
              request.getRequestTimeout());
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.toStatus(e));
      return;
    }
    // Registered before the poll starts: gRPC only accepts it during the service call.
    final AtomicReference<JobPolling.Poll> poll = new AtomicReference<>();
    if (observer instanceof ServerCallStreamObserver<ActivateJobsResponse> serverObserver) {
      serverObserver.setOnCancelHandler(
          () -> {
            final JobPolling.Poll started = poll.get();
            if (started != null) {
              started.cancel();
            }
          });
    }
    poll.set(
        polling.activate(
            activation,
            new JobPolling.Answer() {
              @Override
              public boolean jobs(final List<io.flowdesk.engine.job.ActivatedJob> jobs) {
                if (cancelled(observer)) {
                  return false;
                }
                try {
                  if (!jobs.isEmpty()) {
                    observer.onNext(
                        ActivateJobsResponse.newBuilder()
                            .addAllJobs(jobs.stream().map(JobActivation::toProto).toList())
                            .build());
                  }
                  observer.onCompleted();
                  return true;
                } catch (StatusRuntimeException e) {
                  // The call was cancelled between the check and the answer.
                  return false;
                }
              }

              @Override
              public void failed(final RuntimeException error) {
                observer.onError(GatewayErrors.toStatus(error));
              }
            }));
  }

  void stream(
      final StreamActivatedJobsRequest request, final StreamObserver<ActivatedJob> observer) {
    final ActivationRequest activation;
    try {
      Tenants.requireDefault(request.getTenantIdsList());
      activation =
          new ActivationRequest(
              request.getType(),
              request.getWorker(),
              Duration.ofMillis(request.getTimeout()),
              STREAM_BATCH,
              new LinkedHashSet<>(request.getFetchVariableList()),
              0);
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.toStatus(e));
      return;
    }
    final Set<String> fetch = activation.fetchVariables();
    final AtomicBoolean scheduled = new AtomicBoolean();
    final AtomicBoolean open = new AtomicBoolean(true);
    final Runnable push =
        () -> {
          scheduled.set(false);
          List<io.flowdesk.engine.job.ActivatedJob> jobs;
          do {
            if (!open.get() || !ready(observer)) {
              // Not ready: the on-ready handler schedules this again once the worker caught up.
              return;
            }
            jobs =
                activator.activate(
                    activation.type(),
                    activation.worker(),
                    activation.timeout(),
                    STREAM_BATCH,
                    fetch);
            final int pushed = pushAll(observer, jobs);
            if (pushed < jobs.size()) {
              activator.yieldBack(jobs.subList(pushed, jobs.size()));
              return;
            }
          } while (jobs.size() == STREAM_BATCH);
        };
    final Consumer<String> listener =
        type -> {
          if (type.equals(activation.type()) && scheduled.compareAndSet(false, true)) {
            streamExecutor.execute(push);
          }
        };
    events.onJobsAvailable(listener);
    final Runnable close =
        streams.open(
            new JobStreams.Stream(
                activation.type(),
                activation.worker(),
                activation.timeout(),
                fetch,
                new JobStreams.Sink() {
                  @Override
                  public boolean push(final io.flowdesk.engine.job.ActivatedJob job) {
                    return pushAll(observer, List.of(job)) == 1;
                  }

                  @Override
                  public boolean ready() {
                    return JobActivation.ready(observer);
                  }
                }));
    if (observer instanceof ServerCallStreamObserver<ActivatedJob> serverObserver) {
      // Jobs that became activatable while the worker lagged behind are claimed once it caught up.
      serverObserver.setOnReadyHandler(() -> listener.accept(activation.type()));
      serverObserver.setOnCancelHandler(
          () -> {
            open.set(false);
            close.run();
            events.removeJobListener(listener);
          });
    }
    listener.accept(activation.type());
  }

  /** Pushes jobs down the stream in order; answers how many went out before it closed. */
  private static int pushAll(
      final StreamObserver<ActivatedJob> observer,
      final List<io.flowdesk.engine.job.ActivatedJob> jobs) {
    synchronized (observer) {
      for (int i = 0; i < jobs.size(); i++) {
        if (cancelled(observer)) {
          return i;
        }
        try {
          observer.onNext(toProto(jobs.get(i)));
        } catch (StatusRuntimeException e) {
          return i;
        }
      }
      return jobs.size();
    }
  }

  /**
   * Whether the stream's transport takes more now: false while earlier jobs still wait for the
   * worker to read them (gRPC flow control), which is how a slow worker pushes back.
   */
  private static boolean ready(final StreamObserver<?> observer) {
    return !(observer instanceof ServerCallStreamObserver<?> call) || call.isReady();
  }

  private static boolean cancelled(final StreamObserver<?> observer) {
    return observer instanceof ServerCallStreamObserver<?> call && call.isCancelled();
  }

  private static ActivatedJob toProto(final io.flowdesk.engine.job.ActivatedJob job) {
    final ActivatedJob.Builder builder = ActivatedJob.newBuilder();
    if (job.userTask() != null) {
      builder.setUserTask(userTask(job.userTask()));
    }
    return builder
        .setKey(job.key())
        .setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.processDefinitionVersion())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(job.customHeaders())
        .setWorker(job.worker())
        .setRetries(job.retries())
        .setDeadline(job.deadline())
        .setVariables(Json.write(job.variables()))
        .setTenantId(Tenants.DEFAULT)
        .setKind(ActivatedJob.JobKind.valueOf(job.kind()))
        .setListenerEventType(ActivatedJob.ListenerEventType.valueOf(job.listenerEvent()))
        .build();
  }

  /** A task listener job's view of its user task; absent values stay unset, as in Zeebe. */
  @SuppressWarnings("unchecked")
  private static UserTaskProperties userTask(final Map<String, Object> task) {
    final UserTaskProperties.Builder builder = UserTaskProperties.newBuilder();
    if (task.get("action") instanceof String action) {
      builder.setAction(action);
    }
    if (task.get("assignee") instanceof String assignee) {
      builder.setAssignee(assignee);
    }
    if (task.get("candidateGroups") instanceof List<?> groups) {
      builder.addAllCandidateGroups((List<String>) groups);
    }
    if (task.get("candidateUsers") instanceof List<?> users) {
      builder.addAllCandidateUsers((List<String>) users);
    }
    if (task.get("changedAttributes") instanceof List<?> changed) {
      builder.addAllChangedAttributes((List<String>) changed);
    }
    if (task.get("dueDate") instanceof String dueDate) {
      builder.setDueDate(dueDate);
    }
    if (task.get("followUpDate") instanceof String followUpDate) {
      builder.setFollowUpDate(followUpDate);
    }
    if (task.get("formKey") instanceof Number formKey) {
      builder.setFormKey(formKey.longValue());
    }
    if (task.get("priority") instanceof Number priority) {
      builder.setPriority(priority.intValue());
    }
    if (task.get("userTaskKey") instanceof Number key) {
      builder.setUserTaskKey(key.longValue());
    }
    return builder.build();
  }
}
