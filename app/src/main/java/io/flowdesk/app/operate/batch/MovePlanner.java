package io.flowdesk.app.operate.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The move page of a batch modification: each element active in the selected instances, and the
 * element of the same version its tokens are to move to.
 */
@Component
class MovePlanner {

  private final MigrationPlanner versions;

  MovePlanner(final MigrationPlanner versions) {
    this.versions = versions;
  }

  /** A move row: the active element, in how many instances, and where to (null: stays). */
  record Move(String elementId, String type, long active, String targetId) {}

  record Moves(MigrationPlanner.Version version, List<Move> rows) {

    Map<String, String> instructions() {
      final Map<String, String> moves = new LinkedHashMap<>();
      rows.stream()
          .filter(row -> row.targetId() != null)
          .forEach(row -> moves.put(row.elementId(), row.targetId()));
      return moves;
    }
  }

  Moves plan(final BatchSelection selection, final Map<String, String> chosen) {
    final MigrationPlanner.Source source = versions.source(selection);
    final Map<String, String> elements = source.version().elements();
    final List<Move> rows = new ArrayList<>();
    source
        .active()
        .forEach(
            (id, count) -> {
              if (elements.containsKey(id)) {
                final String target = chosen.get(id);
                rows.add(
                    new Move(
                        id,
                        elements.get(id),
                        count,
                        target == null || target.isBlank() ? null : target.strip()));
              }
            });
    return new Moves(source.version(), rows);
  }

  static List<MigrationPlanner.Refusal> check(final Moves moves) {
    final List<MigrationPlanner.Refusal> refusals = new ArrayList<>();
    for (final Move move : moves.rows()) {
      if (move.targetId() != null && !moves.version().elements().containsKey(move.targetId())) {
        refusals.add(
            new MigrationPlanner.Refusal(
                move.elementId(),
                "is to move to '" + move.targetId() + "', which this version does not have"));
      }
    }
    if (refusals.isEmpty() && moves.instructions().isEmpty()) {
      refusals.add(
          new MigrationPlanner.Refusal(
              "", "Choose where the tokens of at least one element move to."));
    }
    return refusals;
  }
}
