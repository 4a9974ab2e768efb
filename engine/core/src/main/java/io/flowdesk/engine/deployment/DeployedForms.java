package io.flowdesk.engine.deployment;

import io.flowdesk.engine.execution.FormLookup;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deployed Camunda forms, found by form id for the user tasks that link to them. */
public final class DeployedForms implements FormLookup {

  private final JdbcClient jdbc;

  public DeployedForms(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Long> latestFormKey(final String formId) {
    return jdbc.sql(
            "SELECT key FROM engine.form WHERE form_id = ? AND NOT deleted"
                + " ORDER BY version DESC LIMIT 1")
        .param(formId)
        .query(Long.class)
        .optional();
  }
}
