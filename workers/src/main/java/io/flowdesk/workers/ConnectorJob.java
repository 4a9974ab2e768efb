package io.flowdesk.workers;

import java.util.Map;

/** What a worker does with one job: its inputs to the connector call to the result variables. */
@FunctionalInterface
public interface ConnectorJob {

  Map<String, Object> execute(JobInputs inputs);
}
