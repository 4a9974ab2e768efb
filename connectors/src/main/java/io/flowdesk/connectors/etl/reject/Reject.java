package io.flowdesk.connectors.etl.reject;

import java.util.Map;

/**
 * A source row the run did not load.
 *
 * @param line where the row is in the source (see {@link
 *     io.flowdesk.connectors.etl.extract.SourceRow#line()})
 * @param reason why, naming the column or check
 * @param record the row's source values by column name
 */
public record Reject(long line, String reason, Map<String, Object> record) {}
