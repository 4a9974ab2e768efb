package io.flowdesk.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where element instance and variable reads find ended ones. The record log is indexed by process
 * instance only, so a search includes ended element instances and variables when its filter names
 * the process instances ({@code processInstanceKey} as a value, {@code $eq} or {@code $in}); any
 * other search reads the live state alone, rather than every record kept. A read by key that the
 * state does not know looks for the key in the record log without an index (an index on every
 * record's key would slow every command that writes records).
 */
final class InstanceHistory {

  private final JdbcClient jdbc;

  InstanceHistory(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The process instances a search filter names ({@code $eq}, else {@code $in}), if it names them
   * in a way the index can use; the search applies the whole filter on top.
   */
  static Optional<List<Long>> namedInstances(final JsonBody filter) {
    final JsonNode value = filter.node("processInstanceKey");
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      return key(value).map(List::of);
    }
    // Further operators only narrow what $eq or $in select (the client sends an empty $in along).
    if (value.hasNonNull("$eq")) {
      return key(value.get("$eq")).map(List::of);
    }
    final JsonNode in = value.get("$in");
    if (in == null || !in.isArray() || in.isEmpty()) {
      return Optional.empty();
    }
    final List<Long> keys = new ArrayList<>();
    for (final JsonNode item : in) {
      final Optional<Long> key = key(item);
      if (key.isEmpty()) {
        return Optional.empty();
      }
      keys.add(key.get());
    }
    return Optional.of(keys);
  }

  /** A key as filters give it; empty when it is none (the search then refuses it by name). */
  private static Optional<Long> key(final JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return Optional.of(value.asLong());
    }
    if (value.isTextual() && value.asText().trim().matches("-?\\d{1,19}")) {
      try {
        return Optional.of(Long.parseLong(value.asText().trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The process instance whose record log holds a record of {@code key}, if any is kept. */
  Optional<Long> instanceOfRecord(final long key) {
    return jdbc.sql(
            "SELECT process_instance_key FROM engine.record_batch"
                + " WHERE keys @> ARRAY[?::bigint] AND process_instance_key IS NOT NULL LIMIT 1")
        .param(key)
        .query(Long.class)
        .optional();
  }
}
