package io.flowdesk.engine.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.engine.batch.BatchItem;
import io.flowdesk.engine.batch.BatchOperationType;
import io.flowdesk.engine.batch.BatchOperations;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.execution.Migration;
import io.flowdesk.engine.execution.Modification;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a batch operation does to each of its items, made from its type and its stored plan (the
 * request's {@code migrationPlan} or {@code moveInstructions}), so that an engine that takes up a
 * batch after a restart does exactly what the engine that created it did.
 */
public final class BatchItemActions implements BatchOperations.ItemActions {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CommandCore core;
  private final JdbcClient jdbc;

  public BatchItemActions(final CommandCore core, final JdbcClient jdbc) {
    this.core = core;
    this.jdbc = jdbc;
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
        yield item -> core.processInstances().modify(item.itemKey(), modification(item, moves));
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
   * Moving an element: every active instance of the source element is terminated and the target
   * element activated once for each; an instance without an active source element is refused.
   */
  private Modification modification(final BatchItem item, final List<Move> moves) {
    final List<Modification.Activation> activations = new ArrayList<>();
    final List<Long> terminations = new ArrayList<>();
    for (final Move move : moves) {
      final List<Long> sources =
          jdbc.sql(
                  "SELECT key FROM engine.element_instance WHERE process_instance_key = ? AND"
                      + " element_id = ? ORDER BY key")
              .params(item.processInstanceKey(), move.sourceElementId())
              .query(Long.class)
              .list();
      if (sources.isEmpty()) {
        throw Rejection.invalidState(
            "Expected to move element '"
                + move.sourceElementId()
                + "' of process instance '"
                + item.processInstanceKey()
                + "', but it has no active instance of that element");
      }
      for (final Long source : sources) {
        activations.add(new Modification.Activation(move.targetElementId(), 0, List.of()));
        terminations.add(source);
      }
    }
    return new Modification(activations, terminations);
  }
}
