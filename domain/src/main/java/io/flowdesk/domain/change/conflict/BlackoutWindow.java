package io.flowdesk.domain.change.conflict;

import java.time.Instant;
import java.util.UUID;

/**
 * A period in which no change should be made ({@code start} inclusive, {@code end} exclusive).
 *
 * @param ciId the CI or business service for scopes CI and SERVICE; null for GLOBAL
 */
public record BlackoutWindow(
    long id, String name, BlackoutScope scope, UUID ciId, Instant start, Instant end) {}
