package io.flowdesk.domain.cmdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CIs of the classes an import names, read once in the import's transaction and indexed by
 * class + name and class + serial, so reconciling 50,000 rows asks the database nothing per row.
 */
final class ExistingCis {

  /** A CI as stored, with its serial and version. */
  record Stored(ConfigurationItem ci, String serialNumber) {}

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final Map<String, Stored> byName = new HashMap<>();
  private final Map<String, Stored> bySerial = new HashMap<>();

  private ExistingCis() {}

  static ExistingCis load(
      final JdbcTemplate jdbc, final Collection<String> classNames, final ObjectMapper json) {
    final ExistingCis existing = new ExistingCis();
    jdbc.execute(
        (ConnectionCallback<Void>)
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id, class_name, name, serial_number, owner, support_group,"
                          + " environment, status, criticality, maintenance_window,"
                          + " attributes::text, created_at, updated_at, version"
                          + " FROM domain.ci WHERE class_name = ANY(?)")) {
                final Array names = connection.createArrayOf("text", classNames.toArray());
                select.setArray(1, names);
                select.setFetchSize(10_000);
                try (ResultSet row = select.executeQuery()) {
                  while (row.next()) {
                    existing.add(read(row, json));
                  }
                }
              }
              return null;
            });
    return existing;
  }

  private static Stored read(final ResultSet row, final ObjectMapper json)
      throws java.sql.SQLException {
    final String criticality = row.getString("criticality");
    final Map<String, Object> attributes;
    try {
      attributes = json.readValue(row.getString("attributes"), JSON_OBJECT);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("attributes of CI " + row.getString("id"), e);
    }
    return new Stored(
        new ConfigurationItem(
            row.getObject("id", UUID.class),
            row.getString("class_name"),
            row.getString("name"),
            row.getString("owner"),
            row.getString("support_group"),
            Environment.valueOf(row.getString("environment")),
            LifecycleStatus.valueOf(row.getString("status")),
            criticality == null ? null : Criticality.valueOf(criticality),
            MaintenanceWindow.parse(row.getString("maintenance_window")),
            attributes,
            row.getTimestamp("created_at").toInstant(),
            row.getTimestamp("updated_at").toInstant(),
            row.getLong("version")),
        row.getString("serial_number"));
  }

  private void add(final Stored stored) {
    byName.put(key(stored.ci().className(), stored.ci().name()), stored);
    if (stored.serialNumber() != null) {
      bySerial.put(key(stored.ci().className(), stored.serialNumber()), stored);
    }
  }

  Stored byName(final String className, final String name) {
    return byName.get(key(className, name));
  }

  Stored bySerial(final String className, final String serialNumber) {
    return bySerial.get(key(className, serialNumber));
  }

  static String key(final String className, final String value) {
    return className + '\u0000' + value;
  }
}
