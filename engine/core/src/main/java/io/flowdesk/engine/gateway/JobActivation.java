package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.flowdesk.engine.command.EngineEvents;
import io.flowdesk.engine.job.JobActivator;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Rejection;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * ActivateJobs with long polling, and StreamActivatedJobs pushing jobs as they are created. Both
 * claim through {@link JobActivator}, so a job goes to exactly one of them.
 */
public final class JobActivation {

  // Zeebe's gateway holds an empty long poll this long when the request names no timeout.
  private static final long DEFAULT_LONG_POLL_MILLIS = 10_000;
  // Re-poll even without a signal, for jobs made activatable by another node or by hand.
  private static final long REPOLL_MILLIS = 1_000;
  private static final int STREAM_BATCH = 32;

  private final JobActivator activator;
  private final EngineEvents events;
  private final ExecutorService streamExecutor;

  public JobActivation(
      final JobActivator activator,
      final EngineEvents events,
      final ExecutorService streamExecutor) {
    this.activator = activator;
    this.events = events;
    this.streamExecutor = streamExecutor;
  }

  void activate(
      final ActivateJobsRequest request, final StreamObserver<ActivateJobsResponse> observer) {
    try {
      validate(request.getType(), request.getTimeout());
      if (request.getMaxJobsToActivate() < 1) {
        throw Rejection.invalidArgument(
            "Expected to activate at least 1 job, but maxJobsToActivate was "
                + request.getMaxJobsToActivate());
      }
      final Set<String> fetch = new LinkedHashSet<>(request.getFetchVariableList());
      final long waitMillis =
          request.getRequestTimeout() == 0 ? DEFAULT_LONG_POLL_MILLIS : request.getRequestTimeout();
      final long until = System.currentTimeMillis() + Math.max(0, waitMillis);
      while (true) {
        final long generation = events.jobGeneration();
        final List<io.flowdesk.engine.job.ActivatedJob> jobs =
            activator.activate(
                request.getType(),
                request.getWorker(),
                Duration.ofMillis(request.getTimeout()),
                request.getMaxJobsToActivate(),
                fetch);
        if (!jobs.isEmpty()) {
          observer.onNext(
              ActivateJobsResponse.newBuilder()
                  .addAllJobs(jobs.stream().map(JobActivation::toProto).toList())
                  .build());
          observer.onCompleted();
          return;
        }
        final long remaining = until - System.currentTimeMillis();
        if (remaining <= 0 || cancelled(observer)) {
          observer.onCompleted();
          return;
        }
        events.awaitJobs(generation, Math.min(remaining, REPOLL_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      observer.onCompleted();
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.toStatus(e));
    }
  }

  void stream(
      final StreamActivatedJobsRequest request, final StreamObserver<ActivatedJob> observer) {
    try {
      validate(request.getType(), request.getTimeout());
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.toStatus(e));
      return;
    }
    final Set<String> fetch = new LinkedHashSet<>(request.getFetchVariableList());
    final AtomicBoolean scheduled = new AtomicBoolean();
    final AtomicBoolean open = new AtomicBoolean(true);
    final Runnable push =
        () -> {
          scheduled.set(false);
          List<io.flowdesk.engine.job.ActivatedJob> jobs;
          do {
            if (!open.get()) {
              return;
            }
            jobs =
                activator.activate(
                    request.getType(),
                    request.getWorker(),
                    Duration.ofMillis(request.getTimeout()),
                    STREAM_BATCH,
                    fetch);
            synchronized (observer) {
              jobs.forEach(job -> observer.onNext(toProto(job)));
            }
          } while (jobs.size() == STREAM_BATCH);
        };
    final Consumer<String> listener =
        type -> {
          if (type.equals(request.getType()) && scheduled.compareAndSet(false, true)) {
            streamExecutor.execute(push);
          }
        };
    events.onJobsAvailable(listener);
    if (observer instanceof ServerCallStreamObserver<ActivatedJob> serverObserver) {
      serverObserver.setOnCancelHandler(
          () -> {
            open.set(false);
            events.removeJobListener(listener);
          });
    }
    listener.accept(request.getType());
  }

  private static boolean cancelled(final StreamObserver<?> observer) {
    return observer instanceof ServerCallStreamObserver<?> server && server.isCancelled();
  }

  private static void validate(final String type, final long timeout) {
    if (type == null || type.isBlank()) {
      throw Rejection.invalidArgument(
          "Expected to activate jobs of a non-empty type, but type was empty");
    }
    if (timeout < 1) {
      throw Rejection.invalidArgument(
          "Expected to activate jobs with a timeout of at least 1 ms, but it was " + timeout);
    }
  }

  private static ActivatedJob toProto(final io.flowdesk.engine.job.ActivatedJob job) {
    return ActivatedJob.newBuilder()
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
        .setTenantId(ZeebeGatewayService.DEFAULT_TENANT)
        .build();
  }
}
