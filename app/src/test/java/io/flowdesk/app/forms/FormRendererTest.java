package io.flowdesk.app.forms;

import static io.flowdesk.app.forms.FormTesting.form;
import static io.flowdesk.app.forms.FormTesting.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FormRendererTest {

  private static final FormExpressions EXPRESSIONS = new FormExpressions();
  private static final FormRenderer RENDERER = new FormRenderer(EXPRESSIONS, FormTesting.CLOCK);
  private static final FormValidator VALIDATOR = new FormValidator(EXPRESSIONS, FormTesting.CLOCK);

  private static List<FieldView> fields(final List<FormView.Row> rows) {
    return rows.stream()
        .flatMap(row -> row.fields().stream())
        .flatMap(
            field ->
                field.kind().equals("group")
                    ? Stream.concat(Stream.of(field), fields(field.rows()).stream())
                    : Stream.of(field))
        .toList();
  }

  private static Optional<FieldView> field(final FormView view, final String name) {
    return fields(view.rows()).stream().filter(f -> name.equals(f.name())).findFirst();
  }

  private static FieldView kind(final FormView view, final String kind) {
    return fields(view.rows()).stream()
        .filter(f -> f.kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void valuesComeFromTheVariablesFollowingDottedKeys() {
    final FormSchema form =
        form(
            "{\"type\": \"textfield\", \"key\": \"contact.phone\", \"label\": \"Phone\"}",
            "{\"type\": \"number\", \"key\": \"minutes\"}",
            "{\"type\": \"checkbox\", \"key\": \"urgent\"}",
            """
            {"type": "checklist", "key": "checks",
             "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]}""",
            """
            {"type": "datetime", "subtype": "datetime", "key": "at", "dateLabel": "At"}""");

    final FormView view =
        RENDERER.render(
            form,
            Map.of(
                "contact",
                Map.of("phone", "+49 30 1"),
                "minutes",
                12.50,
                "urgent",
                true,
                "checks",
                List.of("b"),
                "at",
                "2025-07-01T06:15Z"));

    assertThat(field(view, "contact.phone").orElseThrow().value()).isEqualTo("+49 30 1");
    assertThat(field(view, "contact.phone").orElseThrow().label()).isEqualTo("Phone");
    assertThat(field(view, "minutes").orElseThrow().value()).isEqualTo("12.5");
    assertThat(field(view, "urgent").orElseThrow().checked()).isTrue();
    assertThat(field(view, "checks").orElseThrow().options())
        .extracting(FormView.OptionView::value, FormView.OptionView::selected)
        .containsExactly(tuple("a", false), tuple("b", true));
    // stored in UTC, shown in the server's zone (Berlin, summer time)
    assertThat(field(view, "at").orElseThrow().value()).isEqualTo("2025-07-01T08:15");
    assertThat(field(view, "at").orElseThrow().inputType()).isEqualTo("datetime-local");
  }

  @Test
  void defaultValuesFillFieldsWithoutAVariable() {
    final FormSchema form =
        form(
            """
            {"type": "radio", "key": "impact", "defaultValue": "low",
             "values": [{"label": "High", "value": "high"}, {"label": "Low", "value": "low"}]}""",
            "{\"type\": \"textfield\", \"key\": \"summary\", \"defaultValue\": \"default\"}");

    final FormView view = RENDERER.render(form, Map.of("summary", "from the process"));

    assertThat(field(view, "impact").orElseThrow().options())
        .filteredOn(FormView.OptionView::selected)
        .extracting(FormView.OptionView::value)
        .containsExactly("low");
    assertThat(field(view, "summary").orElseThrow().value()).isEqualTo("from the process");
  }

  @Test
  void hiddenComponentsAreNotRendered() {
    final FormSchema form =
        form(
            "{\"type\": \"textfield\", \"key\": \"state\"}",
            """
            {"type": "textfield", "key": "reason", "conditional": {"hide": "=state != \\"On hold\\""}}""");

    assertThat(field(RENDERER.render(form, Map.of("state", "Open")), "reason")).isEmpty();
    assertThat(field(RENDERER.render(form, Map.of("state", "On hold")), "reason")).isPresent();
  }

  @Test
  void afterAFailedSubmissionTheInputIsKeptAndEachErrorSitsAtItsField() {
    final FormSchema form =
        form(
            """
            {"type": "textfield", "id": "Field_summary", "key": "summary", "label": "Summary",
             "validate": {"required": true}}""",
            "{\"type\": \"number\", \"key\": \"minutes\", \"label\": \"Minutes\"}",
            """
            {"type": "radio", "key": "state", "label": "State",
             "values": [{"label": "Open", "value": "Open"}, {"label": "On hold", "value": "On hold"}]}""",
            """
            {"type": "textfield", "key": "reason", "label": "Reason", "validate": {"required": true},
             "conditional": {"hide": "=state != \\"On hold\\""}}""");
    final FormSubmission.Invalid failed =
        (FormSubmission.Invalid)
            VALIDATOR.validate(
                form,
                Map.of("minutes", 5),
                post("minutes", "ten", "state", "On hold", "bogus", "1"));

    final FormView view = RENDERER.render(form, Map.of("minutes", 5), failed);

    final FieldView minutes = field(view, "minutes").orElseThrow();
    assertThat(minutes.value()).isEqualTo("ten");
    assertThat(minutes.error()).isEqualTo("Minutes must be a number.");
    assertThat(minutes.describedBy()).isEqualTo(minutes.errorId());
    // the posted state shows the field its condition now reveals, with its error
    assertThat(field(view, "reason").orElseThrow().error()).isEqualTo("Reason is required.");
    assertThat(field(view, "state").orElseThrow().options())
        .filteredOn(FormView.OptionView::selected)
        .extracting(FormView.OptionView::value)
        .containsExactly("On hold");
    assertThat(view.errors())
        .extracting(FormView.ErrorLink::href, FormView.ErrorLink::message)
        .containsExactly(
            tuple("#fd-test-Field_summary", "Summary is required."),
            tuple("#" + minutes.htmlId(), "Minutes must be a number."),
            tuple("#" + field(view, "reason").orElseThrow().htmlId(), "Reason is required."),
            tuple(null, "\"bogus\" is not a field of this form."));
  }

  @Test
  void readOnlyFieldsShowTheVariableAndPostNothing() {
    final FormSchema form =
        form("{\"type\": \"textfield\", \"key\": \"ticket\", \"readonly\": \"=true\"}");

    final FieldView ticket = kind(RENDERER.render(form, Map.of("ticket", "INC-7")), "textfield");

    assertThat(ticket.readonly()).isTrue();
    assertThat(ticket.name()).isNull();
    assertThat(ticket.value()).isEqualTo("INC-7");
  }

  @Test
  void rowsFollowTheLayoutAndColumnsMapToGridClasses() {
    final FormSchema form =
        form(
            "{\"type\": \"textfield\", \"key\": \"a\", \"layout\": {\"row\": \"Row_1\", \"columns\": 8}}",
            "{\"type\": \"textfield\", \"key\": \"b\", \"layout\": {\"row\": \"Row_1\", \"columns\": null}}",
            "{\"type\": \"textfield\", \"key\": \"c\", \"layout\": {\"row\": \"Row_2\"}}");

    final FormView view = RENDERER.render(form, Map.of());

    assertThat(view.rows()).hasSize(2);
    assertThat(view.rows().get(0).fields())
        .extracting(FieldView::name, FieldView::columns)
        .containsExactly(tuple("a", "fd-col-8"), tuple("b", "fd-col-auto"));
  }

  @Test
  void textIsSafeMarkdownWithTemplatesFilledFromVariables() {
    final FormSchema form =
        form("{\"type\": \"text\", \"text\": \"Ticket **{{ticket.id}}**: {{ticket.title}}\"}");

    final FieldView text =
        kind(
            RENDERER.render(
                form,
                Map.of("ticket", Map.of("id", "INC-7", "title", "<img src=x onerror=alert(1)>"))),
            "text");

    assertThat(text.html())
        .isEqualTo("<p>Ticket <strong>INC-7</strong>: &lt;img src=x onerror=alert(1)&gt;</p>");
  }

  @Test
  void aRunawayExpressionStopsAtTheFeelBoundAndTheFormStillRenders() {
    // Unbounded, FEEL needs about two minutes for this (issue 17); the request thread must not.
    final FormSchema form =
        form("{\"type\": \"text\", \"text\": \"Items: {{count(for x in 1..n return x)}}\"}");
    final long start = System.nanoTime();

    final FieldView text = kind(RENDERER.render(form, Map.of("n", 90_000)), "text");

    assertThat(text.html()).isEqualTo("<p>Items: </p>");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void markupInAFilledInValueIsShownAsWrittenNeverRendered() {
    final String attack =
        "[Reset your password](https://evil.example/login) <b>now</b>\n# Urgent\n- **act**";
    final FormSchema form =
        form(
            "{\"type\": \"text\", \"text\": \"## {{shortDescription}}\\n\\n"
                + "See [the guide](https://docs.example/{{shortDescription}})\"}",
            "{\"type\": \"text\", \"text\": \"=shortDescription\"}");

    final List<FieldView> texts =
        fields(RENDERER.render(form, Map.of("shortDescription", attack)).rows()).stream()
            .filter(f -> f.kind().equals("text"))
            .toList();

    final String escaped =
        "[Reset your password](https://evil.example/login) &lt;b&gt;now&lt;/b&gt;\n# Urgent\n-"
            + " **act**";
    assertThat(texts.get(0).html())
        .isEqualTo(
            "<h3>"
                + escaped
                + "</h3>\n<p>See <a href=\"https://docs.example/"
                + escaped
                + "\" rel=\"noopener noreferrer\">the guide</a></p>");
    assertThat(texts.get(1).html()).isEqualTo("<p>" + escaped + "</p>");
    texts.forEach(
        text ->
            assertThat(text.html())
                .doesNotContain("<b>", "href=\"https://evil", "<h1", "<li>", "<strong>"));
  }

  @Test
  void unknownComponentTypesBecomeAPlaceholder() {
    final FormSchema form =
        form(
            "{\"type\": \"filepicker\", \"key\": \"upload\"}",
            "{\"type\": \"textfield\", \"key\": \"x\"}");

    final FormView view = RENDERER.render(form, Map.of());

    assertThat(kind(view, "unsupported").label()).isEqualTo("filepicker");
    assertThat(field(view, "x")).isPresent();
  }

  @Test
  void optionsFromAnExpressionAndAFormWithoutSubmitButtonGetsOne() {
    final FormSchema form =
        form(
            """
            {"type": "select", "key": "team", "valuesExpression": "=teams"}""");

    final FormView view = RENDERER.render(form, Map.of("teams", List.of("ops", "desk")));

    assertThat(field(view, "team").orElseThrow().options())
        .extracting(FormView.OptionView::label)
        .containsExactly("ops", "desk");
    assertThat(view.hasSubmitButton()).isFalse();
    assertThat(view.withSubmitLabel("Complete task").submitLabel()).isEqualTo("Complete task");
  }

  @Test
  void aSubmitButtonInTheFormReplacesTheDefaultOne() {
    final FormSchema form =
        form("{\"type\": \"button\", \"action\": \"submit\", \"label\": \"Send\"}");

    final FormView view = RENDERER.render(form, Map.of());

    assertThat(view.hasSubmitButton()).isTrue();
    assertThat(kind(view, "button").label()).isEqualTo("Send");
  }

  @Test
  void aConditionThatIsNotValidFeelLeavesTheFieldVisible() {
    final FormSchema form =
        form(
            "{\"type\": \"textfield\", \"key\": \"x\", \"conditional\": {\"hide\": \"=state ==\"}}");

    assertThat(field(RENDERER.render(form, Map.of()), "x")).isPresent();
  }

  @Test
  void dateInputsOfferNoPastDaysAndTimeInputsStepByTheInterval() {
    final FormSchema form =
        form(
            """
            {"type": "datetime", "subtype": "date", "key": "due", "disallowPassedDates": true}""",
            """
            {"type": "datetime", "subtype": "time", "key": "at", "timeInterval": 15,
             "timeSerializingFormat": "utc_normalized"}""");

    final FormView view = RENDERER.render(form, Map.of("at", "13:30Z"));

    assertThat(field(view, "due").orElseThrow().min()).isEqualTo("2025-03-10");
    assertThat(field(view, "at").orElseThrow().step()).isEqualTo("900");
    // 13:30 UTC is 14:30 in Berlin in March
    assertThat(field(view, "at").orElseThrow().value()).isEqualTo("14:30");
  }
}
