package io.flowdesk.engine.deployment;

import io.flowdesk.engine.deployment.bpmn.BpmnParseResult;
import io.flowdesk.engine.deployment.bpmn.BpmnTransformer;
import io.flowdesk.engine.execution.CalledProcesses;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.state.BoundVersions;
import io.flowdesk.engine.support.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deployed process versions. Definitions never change once deployed, so the parsed form is cached
 * by key; the database stays the source of truth after a restart.
 */
public final class ProcessDefinitions implements CalledProcesses {

  private final JdbcClient jdbc;
  private final BpmnTransformer bpmn;
  private final BoundVersions versions;
  private final Map<Long, ProcessDefinition> byKey = new ConcurrentHashMap<>();

  public ProcessDefinitions(final JdbcClient jdbc, final BpmnTransformer bpmn) {
    this.jdbc = jdbc;
    this.bpmn = bpmn;
    this.versions = new BoundVersions(jdbc);
  }

  private record Row(
      long key,
      String bpmnProcessId,
      int version,
      long deploymentKey,
      String resourceName,
      byte[] xml) {}

  /** A definition by key; deleted ones too, since their running instances still need them. */
  public ProcessDefinition byKey(final long key) {
    // computeIfAbsent: when many requests miss at once (a burst right after deployment), one
    // parses and the others wait for it instead of all parsing the same XML.
    final ProcessDefinition definition = byKey.computeIfAbsent(key, k -> load(k).orElse(null));
    if (definition == null) {
      throw Rejection.notFound(
          "Expected to find process definition with key '" + key + "', but none found");
    }
    return definition;
  }

  @Override
  public Optional<CalledProcesses.CalledProcess> find(
      final String bpmnProcessId, final ResourceBinding binding, final long callerDeploymentKey) {
    return versions
        .find(BoundVersions.Kind.PROCESS, bpmnProcessId, binding, callerDeploymentKey)
        .map(this::byKey)
        .map(d -> new CalledProcesses.CalledProcess(d.key(), d.executable()));
  }

  @Override
  public long deploymentKeyOf(final long processDefinitionKey) {
    return byKey(processDefinitionKey).deploymentKey();
  }

  private Optional<Long> latestKey(final String bpmnProcessId) {
    return jdbc.sql(
            "SELECT key FROM engine.process_definition WHERE bpmn_process_id = ? AND NOT deleted"
                + " ORDER BY version DESC LIMIT 1")
        .param(bpmnProcessId)
        .query(Long.class)
        .optional();
  }

  public ProcessDefinition latestVersion(final String bpmnProcessId) {
    return latestKey(bpmnProcessId)
        .map(this::byKey)
        .orElseThrow(
            () ->
                Rejection.notFound(
                    "Expected to find process definition with process ID '"
                        + bpmnProcessId
                        + "', but none found"));
  }

  /** A definition that may start new instances: deployed and not deleted. */
  public ProcessDefinition startable(final long key) {
    final boolean deleted =
        jdbc.sql("SELECT deleted FROM engine.process_definition WHERE key = ?")
            .param(key)
            .query(Boolean.class)
            .optional()
            .orElse(true);
    if (deleted) {
      throw Rejection.notFound(
          "Expected to find process definition with key '" + key + "', but none found");
    }
    return byKey(key);
  }

  public ProcessDefinition version(final String bpmnProcessId, final int version) {
    return jdbc.sql(
            "SELECT key FROM engine.process_definition WHERE bpmn_process_id = ? AND version = ?"
                + " AND NOT deleted")
        .params(bpmnProcessId, version)
        .query(Long.class)
        .optional()
        .map(this::byKey)
        .orElseThrow(
            () ->
                Rejection.notFound(
                    "Expected to find process definition with process ID '"
                        + bpmnProcessId
                        + "' and version '"
                        + version
                        + "', but none found"));
  }

  /** Forgets a deleted definition so that it can no longer start instances. */
  public void evict(final long key) {
    byKey.remove(key);
  }

  private Optional<ProcessDefinition> load(final long key) {
    return jdbc.sql(
            "SELECT key, bpmn_process_id, version, deployment_key, resource_name, resource"
                + " FROM engine.process_definition WHERE key = ?")
        .param(key)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getBytes(6)))
        .optional()
        .map(this::parse);
  }

  private ProcessDefinition parse(final Row row) {
    final BpmnParseResult result = bpmn.transform(row.resourceName(), row.xml());
    if (!(result instanceof BpmnParseResult.Valid valid)) {
      throw new IllegalStateException(
          "Deployed process " + row.bpmnProcessId() + " no longer parses: " + result);
    }
    final ExecutableProcess executable =
        valid.processes().stream()
            .filter(p -> p.bpmnProcessId().equals(row.bpmnProcessId()))
            .findFirst()
            .orElseThrow();
    return new ProcessDefinition(
        row.key(), row.bpmnProcessId(), row.version(), row.deploymentKey(), executable);
  }
}
