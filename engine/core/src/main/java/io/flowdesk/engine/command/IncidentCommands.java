package io.flowdesk.engine.command;

import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.support.Rejection;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resolving incidents: the operator fixed the cause, the engine retries what failed. */
public final class IncidentCommands {

  private final JdbcClient jdbc;
  private final InstanceCommands instances;

  public IncidentCommands(final JdbcClient jdbc, final InstanceCommands instances) {
    this.jdbc = jdbc;
    this.instances = instances;
  }

  private record OpenIncident(
      long key,
      long processInstanceKey,
      long elementInstanceKey,
      Long jobKey,
      String failedStep,
      String elementId) {}

  /**
   * Resolves an incident and retries what failed. A job incident makes the job activatable again
   * when it has retries; without retries the job raises a new incident, as in Zeebe.
   */
  public void resolveIncident(final long incidentKey) {
    final Function<Long, Rejection> notFound =
        key ->
            Rejection.notFound(
                "Expected to resolve incident with key '"
                    + key
                    + "', but no such incident was found");
    final OpenIncident incident =
        jdbc.sql(
                "SELECT key, process_instance_key, element_instance_key, job_key, failed_step,"
                    + " element_id FROM engine.incident WHERE key = ? AND state = 'CREATED'")
            .param(incidentKey)
            .query(
                (rs, n) ->
                    new OpenIncident(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        (Long) rs.getObject(4),
                        rs.getString(5),
                        rs.getString(6)))
            .optional()
            .orElseThrow(() -> notFound.apply(incidentKey));
    final String[] wokenType = new String[1];
    instances.onInstance(
        incident.processInstanceKey(),
        key -> notFound.apply(incidentKey),
        (state, execution) -> {
          final int updated =
              jdbc.sql(
                      "UPDATE engine.incident SET state = 'RESOLVED' WHERE key = ? AND state ="
                          + " 'CREATED'")
                  .param(incidentKey)
                  .update();
          if (updated == 0) {
            throw notFound.apply(incidentKey);
          }
          state.append(
              new PendingRecord(
                  incidentKey,
                  "INCIDENT",
                  "RESOLVED",
                  incident.processInstanceKey(),
                  incident.elementId(),
                  Map.of("elementInstanceKey", incident.elementInstanceKey())));
          if (incident.jobKey() == null) {
            execution.retry(incident.elementInstanceKey(), incident.failedStep());
            return null;
          }
          final Integer retries =
              jdbc.sql("SELECT retries FROM engine.job WHERE key = ? FOR UPDATE")
                  .param(incident.jobKey())
                  .query(Integer.class)
                  .optional()
                  .orElse(null);
          if (retries == null) {
            return null;
          }
          if (retries > 0) {
            wokenType[0] =
                jdbc.sql(
                        "UPDATE engine.job SET state = 'ACTIVATABLE', activatable_at = NULL WHERE key"
                            + " = ? RETURNING type")
                    .param(incident.jobKey())
                    .query(String.class)
                    .single();
          } else {
            execution.raiseIncident(
                incident.elementInstanceKey(),
                "JOB_NO_RETRIES",
                "No more retries left.",
                incident.jobKey(),
                "JOB");
          }
          return null;
        });
    if (wokenType[0] != null) {
      instances.events().jobsAvailable(wokenType[0]);
    }
  }
}
