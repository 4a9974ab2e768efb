package io.flowdesk.app.record;

import java.time.Instant;

/**
 * One line of a record's readable history, whatever its kind.
 *
 * @param at when it happened
 * @param actor who did it, as people are shown ("Anna Agent", "Flowdesk" for the process)
 * @param kind {@code event} (a change), {@code comment} or {@code work-note}
 * @param summary what happened, e.g. "Priority set to P3"
 * @param text a comment's or resolution's own words, shown as written (escaped); may be null
 */
public record TimelineEntry(Instant at, String actor, String kind, String summary, String text) {}
