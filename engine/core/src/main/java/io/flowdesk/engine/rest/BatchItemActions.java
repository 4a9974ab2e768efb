package io.flowdesk.engine.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.engine.batch.BatchOperationType;
import io.flowdesk.engine.batch.BatchOperations;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.execution.Migration;
import io.flowdesk.engine.execution.Modification;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch operation does to each of its items, made from its type and its stored plan (the
 * request's {@code migrationPlan} or {@code moveInstructions}), so that an engine that takes up a
 * batch after a restart does exactly what the engine that created it did.
 */
public final class BatchItemActions implements BatchOperations.ItemActions {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CommandCore core;

  public BatchItemActions(final CommandCore core) {
    this.core = core;
  }

  @Override
  public BatchOperations.ItemAction of(final BatchOperationType type, final String plan) {
    return switch (type) {
      case CANCEL_PROCESS_INSTANCE -> item -> core.processInstances().cancel(item.itemKey());
      case RESOLVE_INCIDENT -> item -> core.incidents().resolveIncident(item.itemKey());
      case MIGRATE_PROCESS_INSTANCE -> {
        final Migration migration = ProcessInstanceEndpoints.migration(JsonBody.of(tree(plan)));
        yield item -> core.processInstances().migrate(item.itemKey(), migration);
      }
      case MODIFY_PROCESS_INSTANCE -> {
        final List<Move> moves = moves(plan);
        yield item -> core.processInstances().modify(item.itemKey(), modification(moves));
      }
    };
  }

  /** The move instructions as stored: {@code [{sourceElementId, targetElementId}]}. */
  private static List<Move> moves(final String plan) {
    final List<Move> moves = new ArrayList<>();
    for (final JsonNode move : tree(plan)) {
      moves.add(
          new Move(move.path("sourceElementId").asText(), move.path("targetElementId").asText()));
    }
    return moves;
  }

  record Move(String sourceElementId, String targetElementId) {}

  private static JsonNode tree(final String plan) {
    try {
      return MAPPER.readTree(plan == null ? "null" : plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A batch operation's stored plan is not JSON: " + plan, e);
    }
  }

  /**
   * Moving an element, as the engine's move instructions do: every active instance of the source
   * element (of a multi-instance activity, its body) is terminated and the target activated once
   * for each, in the source's nearest ancestor that is a flow scope of the target (for siblings,
   * the source's parent scope, as Camunda documents); an instance without an active source element
   * is refused, naming the element.
   */
  private static Modification modification(final List<Move> moves) {
    return new Modification(
        List.of(),
        List.of(),
        moves.stream()
            .map(
                move ->
                    new Modification.Move(
                        move.sourceElementId(),
                        0,
                        move.targetElementId(),
                        new Modification.AncestorScope(Modification.AncestorScope.Kind.INFERRED, 0),
                        List.of()))
            .toList());
  }
}
