package io.flowdesk.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.command.InstanceTags;
import io.flowdesk.engine.command.ProcessInstanceService;
import io.flowdesk.engine.command.ProcessInstanceService.ProcessSelector;
import io.flowdesk.engine.execution.Migration;
import io.flowdesk.engine.execution.Modification;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.support.Rejection;
import io.flowdesk.engine.support.Tenants;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Process instances: creation (also awaiting the result, answered asynchronously), cancellation,
 * and reads by key and by search.
 */
final class ProcessInstanceEndpoints {

  // The answer to an awaited creation comes from the command's own timeout; this is a backstop.
  private static final long ASYNC_MARGIN_MILLIS = 5_000;

  private final CommandCore core;
  private final Search search;
  private final InstanceTotals totals;

  ProcessInstanceEndpoints(final CommandCore core, final Search search, final JdbcClient jdbc) {
    this.core = core;
    this.search = search;
    this.totals = new InstanceTotals(jdbc);
  }

  void register(final Router router) {
    router
        .add("POST", "/process-instances", this::create)
        .add("POST", "/process-instances/{processInstanceKey}/cancellation", this::cancel)
        .add("POST", "/process-instances/{processInstanceKey}/modification", this::modify)
        .add("POST", "/process-instances/{processInstanceKey}/migration", this::migrate)
        .add("POST", "/process-instances/search", this::search)
        .add("GET", "/process-instances/{processInstanceKey}", this::get);
  }

  private void create(final Exchange exchange) {
    final JsonBody body = exchange.json();
    Tenants.requireDefault(body.text("tenantId"));
    if (body.size("runtimeInstructions") > 0) {
      throw Rejection.invalidArgument(
          "Flowdesk does not support runtime instructions yet; create the instance without"
              + " 'runtimeInstructions'");
    }
    final ProcessSelector selector =
        new ProcessSelector(
            body.key("processDefinitionKey"),
            body.text("processDefinitionId"),
            body.intValue("processDefinitionVersion", -1));
    final Map<String, Object> variables = body.document("variables");
    final List<String> startBefore =
        body.objects("startInstructions").stream()
            .map(instruction -> instruction.requiredText("elementId"))
            .toList();
    final Set<String> tags = InstanceTags.of(body.strings("tags"));
    if (!Boolean.TRUE.equals(body.bool("awaitCompletion"))) {
      final ProcessInstanceRow instance =
          core.processInstances().create(selector, variables, startBefore, tags);
      exchange.json(200, created(instance, null, tags));
      return;
    }
    final Set<String> fetch = new LinkedHashSet<>(body.strings("fetchVariables"));
    final Duration timeout = Duration.ofMillis(body.longValue("requestTimeout", 0));
    final CompletableFuture<ProcessInstanceService.Result> result =
        core.processInstances()
            .createWithResult(selector, variables, startBefore, fetch, timeout, tags);
    final long backstop =
        (timeout.isZero() || timeout.isNegative()
                ? ProcessInstanceService.DEFAULT_RESULT_TIMEOUT
                : timeout)
            .toMillis();
    exchange.startAsync(
        backstop + ASYNC_MARGIN_MILLIS,
        () ->
            exchange.fail(
                new Rejection(
                    Rejection.Type.TIMEOUT, "The process instance did not complete in time")),
        () -> {});
    // The callback answers the exchange; the future it returns has nothing left to report.
    final var unused =
        result.whenComplete(
            (finished, error) -> {
              if (error != null) {
                exchange.fail(error);
              } else {
                exchange.json(200, created(finished.instance(), finished.variables(), tags));
              }
            });
  }

  private static Map<String, Object> created(
      final ProcessInstanceRow instance,
      final Map<String, Object> variables,
      final Set<String> tags) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("processDefinitionId", instance.bpmnProcessId());
    body.put("processDefinitionVersion", instance.version());
    body.put("tenantId", Tenants.DEFAULT);
    if (variables != null) {
      body.put("variables", variables);
    }
    body.put("processDefinitionKey", Keys.format(instance.processDefinitionKey()));
    body.put("processInstanceKey", Keys.format(instance.key()));
    body.put("tags", tags);
    return body;
  }

  private void cancel(final Exchange exchange) {
    exchange.json(); // Only operationReference may come, which the engine does not track.
    core.processInstances().cancel(exchange.pathKey("processInstanceKey"));
    exchange.noContent();
  }

  private void modify(final Exchange exchange) {
    final JsonBody body = exchange.json();
    core.processInstances()
        .modify(
            exchange.pathKey("processInstanceKey"),
            new Modification(
                body.objects("activateInstructions").stream()
                    .map(
                        a ->
                            new Modification.Activation(
                                a.requiredText("elementId"),
                                Math.max(0, ancestorKey(a, "ancestorElementInstanceKey")),
                                variableInstructions(a)))
                    .toList(),
                body.objects("terminateInstructions").stream()
                    .map(t -> t.key("elementInstanceKey"))
                    .toList(),
                body.objects("moveInstructions").stream()
                    .map(ProcessInstanceEndpoints::move)
                    .toList()));
    exchange.noContent();
  }

  private static List<Modification.VariableInstruction> variableInstructions(final JsonBody i) {
    return i.objects("variableInstructions").stream()
        .map(v -> new Modification.VariableInstruction(v.document("variables"), v.text("scopeId")))
        .toList();
  }

  /**
   * A move instruction as Camunda's REST API documents it (first in 8.9's specification; 8.8's
   * Operate sends its moves as activations and terminations): {@code sourceElementInstruction}
   * ({@code sourceType} {@code byId} + {@code sourceElementId}, or {@code byKey} + {@code
   * sourceElementInstanceKey}), {@code targetElementId}, optional {@code ancestorScopeInstruction}
   * ({@code ancestorScopeType} {@code direct} + {@code ancestorElementInstanceKey}, {@code
   * inferred}, {@code sourceParent}) and {@code variableInstructions}.
   */
  private static Modification.Move move(final JsonBody move) {
    if (!move.has("sourceElementInstruction")) {
      throw Rejection.invalidArgument(
          "Expected '" + move.path("sourceElementInstruction") + "', the element to move from");
    }
    final JsonBody source = move.object("sourceElementInstruction");
    final String sourceType =
        source.has("sourceType")
            ? source.requiredText("sourceType")
            : source.has("sourceElementInstanceKey") ? "byKey" : "byId";
    final String sourceId;
    final long sourceKey;
    switch (sourceType) {
      case "byId" -> {
        sourceId = source.requiredText("sourceElementId");
        sourceKey = 0;
      }
      case "byKey" -> {
        if (!source.has("sourceElementInstanceKey")) {
          throw Rejection.invalidArgument(
              "Expected '" + source.path("sourceElementInstanceKey") + "' with sourceType byKey");
        }
        sourceId = null;
        sourceKey = source.key("sourceElementInstanceKey");
      }
      default ->
          throw Rejection.invalidArgument(
              "Expected '"
                  + source.path("sourceType")
                  + "' to be byId or byKey, but was '"
                  + sourceType
                  + "'");
    }
    return new Modification.Move(
        sourceId,
        sourceKey,
        move.requiredText("targetElementId"),
        ancestorScope(move),
        variableInstructions(move));
  }

  private static Modification.AncestorScope ancestorScope(final JsonBody move) {
    if (!move.has("ancestorScopeInstruction")) {
      return Modification.AncestorScope.NONE;
    }
    final JsonBody scope = move.object("ancestorScopeInstruction");
    final String type = scope.requiredText("ancestorScopeType");
    return switch (type) {
      case "direct" ->
          new Modification.AncestorScope(
              Modification.AncestorScope.Kind.DIRECT,
              scope.has("ancestorElementInstanceKey")
                  ? ancestorKey(scope, "ancestorElementInstanceKey")
                  : -1);
      case "inferred" ->
          new Modification.AncestorScope(Modification.AncestorScope.Kind.INFERRED, 0);
      case "sourceParent" ->
          new Modification.AncestorScope(Modification.AncestorScope.Kind.SOURCE_PARENT, 0);
      default ->
          throw Rejection.invalidArgument(
              "Expected '"
                  + scope.path("ancestorScopeType")
                  + "' to be direct, inferred or sourceParent, but was '"
                  + type
                  + "'");
    };
  }

  /** An ancestor key, where -1 (Camunda's default, also as "-1") means none. */
  private static long ancestorKey(final JsonBody body, final String field) {
    final JsonNode value = body.node(field);
    if (value == null || "-1".equals(value.asText())) {
      return -1;
    }
    return body.key(field);
  }

  private void migrate(final Exchange exchange) {
    core.processInstances()
        .migrate(exchange.pathKey("processInstanceKey"), migration(exchange.json()));
    exchange.noContent();
  }

  /** A migration plan: the target definition and the mapping instructions. */
  static Migration migration(final JsonBody plan) {
    if (!plan.has("targetProcessDefinitionKey")) {
      throw Rejection.invalidArgument(
          "Expected '"
              + plan.path("targetProcessDefinitionKey")
              + "', the process definition to migrate to");
    }
    return new Migration(
        plan.key("targetProcessDefinitionKey"),
        plan.objects("mappingInstructions").stream()
            .map(
                m ->
                    new Migration.MappingInstruction(
                        m.requiredText("sourceElementId"), m.requiredText("targetElementId")))
            .toList());
  }

  private void search(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.PROCESS_INSTANCES, exchange.json(), totals));
  }

  private void get(final Exchange exchange) {
    final long key = exchange.pathKey("processInstanceKey");
    exchange.json(
        200,
        search.get(SearchSpecs.PROCESS_INSTANCES, "processInstanceKey", key, "process instance"));
  }
}
