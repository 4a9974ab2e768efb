package io.flowdesk.domain.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A change that possibly caused an incident: the incident was opened on {@code ciName}, an affected
 * CI of the change, while the change's window (or its implementation) was running. Stored when
 * detected; agents see it on both records.
 */
public record PossibleCause(
    long incidentId,
    String incidentNumber,
    String incidentSummary,
    long changeId,
    String changeNumber,
    String changeSummary,
    UUID ciId,
    String ciName,
    Instant flaggedAt) {}
