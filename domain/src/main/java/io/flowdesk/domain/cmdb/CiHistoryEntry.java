package io.flowdesk.domain.cmdb;

import java.time.Instant;
import java.util.UUID;

/** One line of a CI's history: who changed which field when, from what to what. */
public record CiHistoryEntry(
    long id, UUID ciId, String actor, Instant at, String field, String oldValue, String newValue) {}
