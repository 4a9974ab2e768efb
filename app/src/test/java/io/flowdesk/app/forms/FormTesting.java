package io.flowdesk.app.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Builds forms and posts for the unit tests of this package. */
final class FormTesting {

  /** 10 March 2025, 10:00 in Berlin (CET, +01:00). */
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-10T09:00:00Z"), ZoneId.of("Europe/Berlin"));

  private FormTesting() {}

  /** A form with id "test" holding the given component JSON objects. */
  static FormSchema form(final String... components) {
    return FormSchema.parse(
        "{\"id\": \"test\", \"components\": [" + String.join(",", components) + "]}", "test.form");
  }

  /** A post from name/value pairs; a name may repeat. */
  static MultiValueMap<String, String> post(final String... namesAndValues) {
    final MultiValueMap<String, String> post = new LinkedMultiValueMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      post.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return post;
  }

  static Map<String, Object> valid(final FormSubmission submission) {
    assertThat(submission).isInstanceOf(FormSubmission.Valid.class);
    return ((FormSubmission.Valid) submission).variables();
  }

  static Map<String, String> errors(final FormSubmission submission) {
    assertThat(submission).isInstanceOf(FormSubmission.Invalid.class);
    return ((FormSubmission.Invalid) submission).errors();
  }
}
