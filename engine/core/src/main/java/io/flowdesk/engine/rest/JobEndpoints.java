package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.execution.AdHocActivation;
import io.flowdesk.engine.execution.JobResult;
import io.flowdesk.engine.job.ActivatedJob;
import io.flowdesk.engine.job.ActivationRequest;
import io.flowdesk.engine.job.JobPolling;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Tenants;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jobs: activation with long polling (the request waits asynchronously, holding no thread),
 * completion, failure, thrown errors, changes of retries and timeout, and search.
 */
final class JobEndpoints {

  // The poll answers by itself when its time is up; the container's timeout is a backstop.
  private static final long ASYNC_MARGIN_MILLIS = 5_000;

  private final CommandCore core;
  private final Search search;

  JobEndpoints(final CommandCore core, final Search search) {
    this.core = core;
    this.search = search;
  }

  void register(final Router router) {
    router
        .add("POST", "/jobs/activation", this::activate)
        .add("POST", "/jobs/search", this::search)
        .add("POST", "/jobs/{jobKey}/completion", this::complete)
        .add("POST", "/jobs/{jobKey}/failure", this::fail)
        .add("POST", "/jobs/{jobKey}/error", this::throwError)
        .add("PATCH", "/jobs/{jobKey}", this::update);
  }

  private void activate(final Exchange exchange) {
    final JsonBody body = exchange.json();
    Tenants.requireDefault(body.strings("tenantIds"));
    final ActivationRequest request =
        new ActivationRequest(
            body.text("type"),
            body.text("worker"),
            Duration.ofMillis(body.longValue("timeout", 0)),
            body.intValue("maxJobsToActivate", 0),
            new LinkedHashSet<>(body.strings("fetchVariable")),
            body.longValue("requestTimeout", 0));
    final AtomicReference<JobPolling.Poll> poll = new AtomicReference<>();
    exchange.startAsync(
        Math.max(0, request.longPollMillis()) + ASYNC_MARGIN_MILLIS,
        () -> exchange.json(200, Map.of("jobs", List.of())),
        () -> {
          final JobPolling.Poll started = poll.get();
          if (started != null) {
            started.cancel();
          }
        });
    poll.set(
        core.polling()
            .activate(
                request,
                new JobPolling.Answer() {
                  @Override
                  public boolean jobs(final List<ActivatedJob> jobs) {
                    return exchange.json(
                        200, Map.of("jobs", jobs.stream().map(JobEndpoints::job).toList()));
                  }

                  @Override
                  public void failed(final RuntimeException error) {
                    exchange.fail(error);
                  }
                }));
  }

  private static Map<String, Object> job(final ActivatedJob job) {
    final Map<String, Object> item = new LinkedHashMap<>();
    item.put("jobKey", Keys.format(job.key()));
    item.put("type", job.type());
    item.put("processInstanceKey", Keys.format(job.processInstanceKey()));
    item.put("processDefinitionId", job.bpmnProcessId());
    item.put("processDefinitionVersion", job.processDefinitionVersion());
    item.put("processDefinitionKey", Keys.format(job.processDefinitionKey()));
    item.put("elementId", job.elementId());
    item.put("elementInstanceKey", Keys.format(job.elementInstanceKey()));
    item.put("customHeaders", Json.readDocument(job.customHeaders(), "custom headers"));
    item.put("worker", job.worker());
    item.put("retries", job.retries());
    item.put("deadline", job.deadline());
    item.put("variables", job.variables());
    item.put("tenantId", Tenants.DEFAULT);
    item.put("kind", job.kind());
    item.put("listenerEventType", job.listenerEvent());
    if (job.userTask() != null) {
      item.put("userTask", userTask(job.userTask()));
    }
    item.put("tags", List.of());
    return item;
  }

  /** A task listener job's view of its user task, keys as strings as the REST API has them. */
  private static Map<String, Object> userTask(final Map<String, Object> task) {
    final Map<String, Object> view = new LinkedHashMap<>(task);
    for (final String key : List.of("formKey", "userTaskKey")) {
      if (view.get(key) instanceof Number number) {
        view.put(key, Keys.format(number.longValue()));
      }
    }
    return view;
  }

  private void complete(final Exchange exchange) {
    final JsonBody body = exchange.json();
    core.jobs()
        .complete(
            exchange.pathKey("jobKey"),
            body.document("variables"),
            body.has("result") ? result(body.object("result")) : JobResult.NONE);
    exchange.noContent();
  }

  private static JobResult result(final JsonBody result) {
    if (JobResult.AD_HOC_SUB_PROCESS.equals(result.text("type"))) {
      return JobResult.ofAdHoc(
          new JobResult.AdHocResult(
              result.objects("activateElements").stream()
                  .map(
                      element ->
                          new AdHocActivation.Element(
                              element.requiredText("elementId"), element.document("variables")))
                  .toList(),
              Boolean.TRUE.equals(result.bool("isCompletionConditionFulfilled")),
              Boolean.TRUE.equals(result.bool("isCancelRemainingInstances"))));
    }
    final JsonBody corrections = result.object("corrections");
    final Boolean denied = result.bool("denied");
    return JobResult.ofType(
        result.text("type"),
        denied != null && denied,
        result.text("deniedReason"),
        new JobResult.Corrections(
            corrections.text("assignee"),
            corrections.text("dueDate"),
            corrections.text("followUpDate"),
            corrections.has("candidateUsers") ? corrections.strings("candidateUsers") : null,
            corrections.has("candidateGroups") ? corrections.strings("candidateGroups") : null,
            corrections.has("priority") ? corrections.intValue("priority", 50) : null));
  }

  private void fail(final Exchange exchange) {
    final JsonBody body = exchange.json();
    core.jobs()
        .fail(
            exchange.pathKey("jobKey"),
            body.intValue("retries", 0),
            body.text("errorMessage"),
            Duration.ofMillis(Math.max(0, body.longValue("retryBackOff", 0))),
            body.document("variables"));
    exchange.noContent();
  }

  private void throwError(final Exchange exchange) {
    final JsonBody body = exchange.json();
    core.jobs()
        .throwError(
            exchange.pathKey("jobKey"),
            body.text("errorCode"),
            body.text("errorMessage"),
            body.document("variables"));
    exchange.noContent();
  }

  private void update(final Exchange exchange) {
    final JsonBody changeset = exchange.json().object("changeset");
    final Long retries = changeset.number("retries");
    final Long timeout = changeset.number("timeout");
    core.jobs()
        .update(
            exchange.pathKey("jobKey"),
            retries == null ? null : changeset.intValue("retries", 0),
            timeout == null ? null : Duration.ofMillis(timeout));
    exchange.noContent();
  }

  private void search(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.JOBS, exchange.json()));
  }
}
