package io.flowdesk.app.operate.definition;

/**
 * How many instances of a process (all its versions) or of one definition are running, have
 * completed, and are running with an incident (those are among the running ones too).
 */
public record InstanceCounts(long running, long completed, long withIncident) {}
