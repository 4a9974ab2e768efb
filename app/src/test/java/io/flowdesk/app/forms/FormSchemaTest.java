package io.flowdesk.app.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FormSchemaTest {

  private static FormSchema example(final String file) throws IOException {
    return FormSchema.parse(Files.readString(Path.of("../forms", file)), "forms/" + file);
  }

  @Test
  void theExampleFormsAreWhatCamundaModelerSaves() throws IOException {
    for (final String file : new String[] {"report-incident.form", "resolve-incident.form"}) {
      final FormSchema form = example(file);

      assertThat(form.id()).isEqualTo(file.replace(".form", ""));
      assertThat(form.schemaVersion()).isEqualTo(19);
      assertThat(form.executionPlatform()).isEqualTo("Camunda Cloud");
      assertThat(form.executionPlatformVersion()).isEqualTo("8.8.0");
      assertThat(form.components()).allSatisfy(c -> assertThat(c.id()).startsWith("Field_"));
      assertThat(form.components())
          .allSatisfy(c -> assertThat(c.kind()).isNotEqualTo(ComponentType.UNSUPPORTED));
    }
  }

  @Test
  void reportIncidentHasTheStartFormFields() throws IOException {
    final FormSchema form = example("report-incident.form");

    assertThat(form.fields())
        .extracting(FormField::name)
        .containsExactly(
            "shortDescription",
            "description",
            "category",
            "configurationItem",
            "impact",
            "urgency");
    final FormComponent shortDescription = form.field("shortDescription").orElseThrow().component();
    assertThat(shortDescription.rules().isRequired()).isTrue();
    assertThat(shortDescription.rules().maxLength()).isEqualTo(160);
    assertThat(form.field("category").orElseThrow().component().values())
        .extracting(FormComponent.Option::value)
        .containsExactly("network", "hardware", "software", "access", "other");
  }

  @Test
  void resolveIncidentAsksForTheResolutionOnlyWhenResolvingAndForAReasonOnlyOnHold()
      throws IOException {
    final FormSchema form = example("resolve-incident.form");

    assertThat(form.fields())
        .extracting(FormField::name)
        .containsExactly(
            "outcome", "resolutionCode", "resolutionNotes", "onHoldReason", "workNote");
    assertThat(form.field("outcome").orElseThrow().component().values())
        .extracting(FormComponent.Option::value)
        .containsExactly("resolve", "hold", "cancel");
    final FormComponent resolution =
        form.components().stream()
            .filter(c -> c.kind() == ComponentType.GROUP)
            .findFirst()
            .orElseThrow();
    assertThat(resolution.hideCondition()).isEqualTo("=outcome != \"resolve\"");
    assertThat(resolution.components())
        .extracting(FormComponent::key)
        .containsExactly("resolutionCode", "resolutionNotes");
    assertThat(form.field("onHoldReason").orElseThrow().component().hideCondition())
        .isEqualTo("=outcome != \"hold\"");
  }

  @Test
  void aGroupPathPrefixesTheKeysInside() {
    final FormSchema form =
        FormSchema.parse(
            """
            {"id": "f", "components": [
              {"type": "group", "path": "contact", "components": [
                {"type": "textfield", "key": "phone"},
                {"type": "group", "components": [{"type": "textfield", "key": "mail.work"}]}
              ]}
            ]}
            """,
            "test.form");

    assertThat(form.fields())
        .extracting(FormField::name)
        .containsExactly("contact.phone", "contact.mail.work");
  }

  @Test
  void unknownComponentTypesParseAsUnsupportedInsteadOfFailing() {
    final FormSchema form =
        FormSchema.parse(
            """
            {"id": "f", "components": [{"type": "filepicker", "key": "upload", "extra": 1}]}
            """,
            "test.form");

    assertThat(form.components().get(0).kind()).isEqualTo(ComponentType.UNSUPPORTED);
    assertThat(form.fields()).isEmpty();
  }

  @Test
  void invalidJsonIsReportedWithFileAndLine() {
    assertThatThrownBy(() -> FormSchema.parse("{\n  \"id\": \"f\",\n  oops\n}", "forms/bad.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageStartingWith("forms/bad.form: not a valid Camunda form")
        .hasMessageContaining("line 3");
  }

  @Test
  void aFormWithoutIdIsRejected() {
    assertThatThrownBy(() -> FormSchema.parse("{\"components\": []}", "forms/x.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessage("forms/x.form: the form has no \"id\"");
  }

  @Test
  void anInputWithoutKeyIsRejected() {
    assertThatThrownBy(
            () ->
                FormSchema.parse(
                    "{\"id\": \"f\", \"components\": [{\"type\": \"number\", \"id\": \"Field_1\"}]}",
                    "forms/x.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessage("forms/x.form: number \"Field_1\" has no \"key\"");
  }

  @Test
  void twoFieldsWithTheSameKeyAreRejected() {
    assertThatThrownBy(
            () ->
                FormSchema.parse(
                    """
                    {"id": "f", "components": [
                      {"type": "textfield", "key": "a"},
                      {"type": "group", "components": [{"type": "number", "key": "a"}]}
                    ]}
                    """,
                    "forms/x.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessage("forms/x.form: two fields bind the same key \"a\"");
  }

  @Test
  void aKeyInsideAnotherFieldsValueIsRejected() {
    assertThatThrownBy(
            () ->
                FormSchema.parse(
                    """
                    {"id": "f", "components": [
                      {"type": "textfield", "key": "contact"},
                      {"type": "textfield", "key": "contact.phone"}
                    ]}
                    """,
                    "forms/x.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageContaining("key \"contact.phone\" lies inside key \"contact\"");
  }

  @Test
  void aKeyWithAnEmptyPathSegmentIsRejected() {
    assertThatThrownBy(
            () ->
                FormSchema.parse(
                    "{\"id\": \"f\", \"components\": [{\"type\": \"textfield\", \"key\": \"a..b\"}]}",
                    "forms/x.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageContaining("key \"a..b\"");
  }

  @Test
  void aPatternThatDoesNotCompileIsRejectedAtLoad() {
    assertThatThrownBy(
            () ->
                FormSchema.parse(
                    """
                    {"id": "f", "components": [
                      {"type": "textfield", "key": "code", "validate": {"pattern": "[a-"}}
                    ]}
                    """,
                    "forms/x.form"))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageStartingWith(
            "forms/x.form: validation pattern of \"code\" is not a valid regular expression");
  }
}
