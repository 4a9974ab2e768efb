package io.flowdesk.engine.execution;

import java.util.Optional;

/** Finds the deployed form a Camunda user task links to by form id. */
@FunctionalInterface
public interface FormLookup {

  /** The key of the latest version of the form, empty when none is deployed. */
  Optional<Long> latestFormKey(String formId);
}
