package io.flowdesk.app.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded {@link AdminAction}: who did what to what, when, and the fields before and after.
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    Map<String, Object> before,
    Map<String, Object> after) {}
