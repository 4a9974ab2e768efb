package io.flowdesk.engine.decision;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.dmn.DmnDecisions;
import io.flowdesk.engine.dmn.DmnParseResult;
import io.flowdesk.engine.dmn.ParsedDrg;
import io.flowdesk.engine.execution.CalledDecisions;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.state.BoundVersions;
import io.flowdesk.engine.support.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deployed decisions: found by key, by id (latest version) or by a business rule task's binding,
 * parsed once, evaluated on demand.
 */
public final class DeployedDecisions implements CalledDecisions {

  private final JdbcClient jdbc;
  private final DmnDecisions dmn;
  private final BoundVersions versions;
  private final Map<Long, ParsedDrg> drgByKey = new ConcurrentHashMap<>();

  public DeployedDecisions(final JdbcClient jdbc, final DmnDecisions dmn) {
    this.jdbc = jdbc;
    this.dmn = dmn;
    this.versions = new BoundVersions(jdbc);
  }

  /** A deployed decision version and the graph it belongs to. */
  public record Decision(
      long key,
      String decisionId,
      String name,
      int version,
      long decisionRequirementsKey,
      String decisionRequirementsId) {}

  /** The outcome of evaluating a deployed decision. */
  public record Evaluation(Decision decision, DecisionEvaluation result) {}

  public Evaluation evaluate(final Decision decision, final Map<String, Object> variables) {
    final ParsedDrg drg = drgByKey.computeIfAbsent(decision.decisionRequirementsKey(), this::load);
    return new Evaluation(decision, dmn.evaluate(drg, decision.decisionId(), variables));
  }

  @Override
  public Optional<DecisionEvaluation> evaluate(
      final String decisionId,
      final ResourceBinding binding,
      final long callerDeploymentKey,
      final Map<String, Object> variables) {
    return versions
        .find(BoundVersions.Kind.DECISION, decisionId, binding, callerDeploymentKey)
        .flatMap(key -> find("d.key = ?", key))
        .map(decision -> evaluate(decision, variables).result());
  }

  public Decision byKey(final long key) {
    return find("d.key = ?", key)
        .orElseThrow(
            () ->
                Rejection.notFound(
                    "Expected to evaluate decision with key '"
                        + key
                        + "', but no such decision was found"));
  }

  public Decision latestOrReject(final String decisionId) {
    return latest(decisionId)
        .orElseThrow(
            () ->
                Rejection.notFound(
                    "Expected to evaluate decision '"
                        + decisionId
                        + "', but no decision found for id '"
                        + decisionId
                        + "'"));
  }

  /** The decisions of one deployed graph, by decision id. */
  public Map<String, Decision> ofGraph(final long decisionRequirementsKey) {
    final Map<String, Decision> graph = new java.util.LinkedHashMap<>();
    jdbc.sql(
            "SELECT d.key, d.decision_id, d.name, d.version, r.key, r.decision_requirements_id"
                + " FROM engine.decision d JOIN engine.decision_requirements r"
                + " ON r.key = d.decision_requirements_key WHERE r.key = ?")
        .param(decisionRequirementsKey)
        .query(DeployedDecisions::decision)
        .list()
        .forEach(decision -> graph.put(decision.decisionId(), decision));
    return graph;
  }

  private static Decision decision(final java.sql.ResultSet rs, final int row)
      throws java.sql.SQLException {
    return new Decision(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getLong(5),
        rs.getString(6));
  }

  private Optional<Decision> latest(final String decisionId) {
    return find("d.decision_id = ? ORDER BY d.version DESC LIMIT 1", decisionId);
  }

  private Optional<Decision> find(final String condition, final Object parameter) {
    return jdbc.sql(
            "SELECT d.key, d.decision_id, d.name, d.version, r.key, r.decision_requirements_id"
                + " FROM engine.decision d JOIN engine.decision_requirements r"
                + " ON r.key = d.decision_requirements_key WHERE NOT d.deleted AND "
                + condition)
        .param(parameter)
        .query(DeployedDecisions::decision)
        .optional();
  }

  private ParsedDrg load(final long drgKey) {
    final Object[] row =
        jdbc.sql("SELECT resource_name, resource FROM engine.decision_requirements WHERE key = ?")
            .param(drgKey)
            .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)})
            .single();
    final DmnParseResult result = dmn.parse((String) row[0], (byte[]) row[1]);
    if (result instanceof DmnParseResult.Valid valid) {
      return valid.drg();
    }
    throw new IllegalStateException("Deployed DRG " + drgKey + " no longer parses: " + result);
  }

  /** Forgets a deleted graph. */
  public void evict(final long drgKey) {
    drgByKey.remove(drgKey);
  }
}
