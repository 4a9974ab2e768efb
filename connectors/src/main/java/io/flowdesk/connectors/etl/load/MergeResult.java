package io.flowdesk.connectors.etl.load;

/**
 * What the merge into the target did.
 *
 * @param staged rows copied to staging
 * @param inserted target rows created
 * @param updated target rows overwritten
 */
public record MergeResult(long staged, long inserted, long updated) {}
