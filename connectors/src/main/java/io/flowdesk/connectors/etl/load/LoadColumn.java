package io.flowdesk.connectors.etl.load;

/**
 * A column the run writes.
 *
 * @param name its name in the target
 * @param sqlType the PostgreSQL type to create it with if the target lacks it and columns may be
 *     added; a fixed type name, never user text
 */
public record LoadColumn(String name, String sqlType) {}
