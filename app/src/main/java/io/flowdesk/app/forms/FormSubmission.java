package io.flowdesk.app.forms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The outcome of validating a posted form: variables to complete the task with, or errors. */
public sealed interface FormSubmission permits FormSubmission.Valid, FormSubmission.Invalid {

  /**
   * Every visible, editable field converted and valid.
   *
   * @param variables the values nested by dotted keys ({@code "contact.phone"} is {@code phone}
   *     inside {@code contact}), ready to complete a user task or start a process
   */
  record Valid(Map<String, Object> variables) implements FormSubmission {

    /** Keeps the caller's map from changing underneath (nested values may be null). */
    public Valid {
      variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
  }

  /**
   * Nothing is accepted.
   *
   * @param errors one message per field name, in form order, after one per posted name the form
   *     does not have
   * @param input what the user posted for the form's fields, to show it again
   */
  record Invalid(Map<String, String> errors, MultiValueMap<String, String> input)
      implements FormSubmission {

    /** Copies both, so a kept submission cannot change afterwards. */
    public Invalid {
      errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
      input = new LinkedMultiValueMap<>(input).deepCopy();
    }
  }
}
