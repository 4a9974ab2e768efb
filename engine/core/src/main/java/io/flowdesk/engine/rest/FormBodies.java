package io.flowdesk.engine.rest;

import io.flowdesk.engine.support.Tenants;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A deployed form as the REST API answers it: a user task's form, a process's start form. */
final class FormBodies {

  private final JdbcClient jdbc;

  FormBodies(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The form version with this key, deleted or not: what was linked stays readable. */
  Optional<Map<String, Object>> byKey(final long formKey) {
    return jdbc.sql(
            "SELECT key, form_id, version, convert_from(resource, 'UTF8') FROM engine.form"
                + " WHERE key = ?")
        .param(formKey)
        .query(
            (rs, n) -> {
              final Map<String, Object> body = new LinkedHashMap<>();
              body.put("tenantId", Tenants.DEFAULT);
              body.put("formId", rs.getString(2));
              body.put("schema", rs.getString(4));
              body.put("version", rs.getLong(3));
              body.put("formKey", Keys.format(rs.getLong(1)));
              return body;
            })
        .optional();
  }
}
