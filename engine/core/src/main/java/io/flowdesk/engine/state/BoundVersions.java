package io.flowdesk.engine.state;

import io.flowdesk.engine.model.ResourceBinding;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the deployed version of a process, decision or form that a resource binding chooses: the
 * latest one, the one deployed with the caller, or the latest one carrying the version tag. Deleted
 * versions are never bound.
 */
public final class BoundVersions {

  /** The table of one kind of resource and its id column. */
  public enum Kind {
    PROCESS("process_definition", "bpmn_process_id"),
    DECISION("decision", "decision_id"),
    FORM("form", "form_id");

    private final String table;
    private final String idColumn;

    Kind(final String table, final String idColumn) {
      this.table = table;
      this.idColumn = idColumn;
    }
  }

  private final JdbcClient jdbc;

  public BoundVersions(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The key of the bound version, empty when no deployed version fits the binding. */
  public Optional<Long> find(
      final Kind kind,
      final String id,
      final ResourceBinding binding,
      final long callerDeploymentKey) {
    final String select =
        "SELECT key FROM engine." + kind.table + " WHERE " + kind.idColumn + " = ? AND NOT deleted";
    final String newest = " ORDER BY version DESC LIMIT 1";
    return switch (binding.type()) {
      case LATEST -> jdbc.sql(select + newest).param(id).query(Long.class).optional();
      case DEPLOYMENT ->
          jdbc.sql(select + " AND deployment_key = ?" + newest)
              .params(id, callerDeploymentKey)
              .query(Long.class)
              .optional();
      case VERSION_TAG ->
          jdbc.sql(select + " AND version_tag = ?" + newest)
              .params(id, binding.versionTag())
              .query(Long.class)
              .optional();
    };
  }
}
