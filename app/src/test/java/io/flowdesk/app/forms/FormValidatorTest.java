package io.flowdesk.app.forms;

import static io.flowdesk.app.forms.FormTesting.errors;
import static io.flowdesk.app.forms.FormTesting.form;
import static io.flowdesk.app.forms.FormTesting.post;
import static io.flowdesk.app.forms.FormTesting.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FormValidatorTest {

  private static final FormValidator VALIDATOR =
      new FormValidator(new FormExpressions(), FormTesting.CLOCK);

  private FormSubmission submit(final FormSchema form, final String... post) {
    return VALIDATOR.validate(form, Map.of(), post(post));
  }

  @Nested
  class Text {

    private final FormSchema form =
        form(
            """
            {"type": "textfield", "key": "summary", "label": "Short description",
             "validate": {"required": true, "minLength": 5, "maxLength": 10}}""",
            """
            {"type": "textarea", "key": "notes", "label": "Notes"}""",
            """
            {"type": "textfield", "key": "code", "label": "Asset code",
             "validate": {"validationType": "custom", "pattern": "^[A-Z]{2}-[0-9]+$"}}""",
            """
            {"type": "textfield", "key": "mail", "label": "E-mail",
             "validate": {"validationType": "email"}}""",
            """
            {"type": "textfield", "key": "phone", "label": "Phone",
             "validate": {"validationType": "phone"}}""");

    @Test
    void validTextIsSubmittedAsTypedAndEmptyOptionalTextAsEmptyString() {
      assertThat(valid(submit(form, "summary", "Printer", "notes", "a\r\nb")))
          .isEqualTo(
              Map.of("summary", "Printer", "notes", "a\nb", "code", "", "mail", "", "phone", ""));
    }

    @Test
    void aMissingRequiredFieldIsNamedByItsLabel() {
      assertThat(errors(submit(form)))
          .containsExactly(entry("summary", "Short description is required."));
    }

    @Test
    void blankCountsAsMissing() {
      assertThat(errors(submit(form, "summary", "   ")))
          .containsEntry("summary", "Short description is required.");
    }

    @Test
    void lengthsAreMeasuredOnTheTrimmedText() {
      assertThat(errors(submit(form, "summary", "  abc   ")))
          .containsEntry("summary", "Short description must be at least 5 characters long.");
      assertThat(errors(submit(form, "summary", "abcdefghijk")))
          .containsEntry(
              "summary", "Short description must be at most 10 characters long (it has 11).");
      assertThat(valid(submit(form, "summary", "   abcde   ")))
          .containsEntry("summary", "   abcde   ");
    }

    @Test
    void aPatternMustMatch() {
      assertThat(errors(submit(form, "summary", "Laptop", "code", "nb-12")))
          .containsExactly(entry("code", "Asset code is not in the expected format."));
      assertThat(valid(submit(form, "summary", "Laptop", "code", "NB-12")))
          .containsEntry("code", "NB-12");
    }

    @Test
    void emailAndPhoneValidationTypes() {
      assertThat(errors(submit(form, "summary", "Laptop", "mail", "ann@", "phone", "12345")))
          .containsExactly(
              entry("mail", "E-mail must be an email address like name@example.com."),
              entry("phone", "Phone must be an international phone number like +49 30 664040900."));
      assertThat(
              valid(
                  submit(
                      form,
                      "summary",
                      "Laptop",
                      "mail",
                      "ann@example.com",
                      "phone",
                      "+49 30 664040900")))
          .containsEntry("mail", "ann@example.com")
          .containsEntry("phone", "+49 30 664040900");
    }

    @Test
    void aSingleValuedFieldPostedTwiceIsRejected() {
      assertThat(errors(submit(form, "summary", "Laptop", "summary", "Phone")))
          .containsEntry("summary", "Short description takes a single value, not 2.");
    }
  }

  @Nested
  class Numbers {

    private final FormSchema form =
        form(
            """
            {"type": "number", "key": "minutes", "label": "Minutes", "decimalDigits": 0,
             "validate": {"min": 0, "max": 1440}}""",
            """
            {"type": "number", "key": "price", "label": "Price", "decimalDigits": 2}""",
            """
            {"type": "number", "key": "size", "label": "Size", "increment": "0.5"}""",
            """
            {"type": "number", "key": "serial", "label": "Serial", "serializeToString": true}""");

    @Test
    void wholeNumbersBecomeLongsAndDecimalsBigDecimals() {
      final Map<String, Object> variables =
          valid(submit(form, "minutes", " 90 ", "price", "12,50", "size", "2.5", "serial", "007"));

      assertThat(variables.get("minutes")).isEqualTo(90L);
      assertThat(variables.get("price")).isEqualTo(new BigDecimal("12.50"));
      assertThat(variables.get("size")).isEqualTo(new BigDecimal("2.5"));
      assertThat(variables.get("serial")).isEqualTo("007");
    }

    @Test
    void anEmptyNumberIsNull() {
      assertThat(valid(submit(form))).containsEntry("minutes", null);
    }

    @Test
    void textIsNotANumber() {
      assertThat(errors(submit(form, "minutes", "ninety")))
          .containsExactly(entry("minutes", "Minutes must be a number."));
    }

    @Test
    void exponentNotationIsNotAcceptedSoNoPostCanAskForHugeNumbers() {
      assertThat(errors(submit(form, "size", "1e999999999")))
          .containsExactly(entry("size", "Size must be a number."));
    }

    @Test
    void minAndMaxAreInclusiveBounds() {
      assertThat(valid(submit(form, "minutes", "0"))).containsEntry("minutes", 0L);
      assertThat(valid(submit(form, "minutes", "1440"))).containsEntry("minutes", 1440L);
      assertThat(errors(submit(form, "minutes", "-1")))
          .containsEntry("minutes", "Minutes must be at least 0.");
      assertThat(errors(submit(form, "minutes", "1441")))
          .containsEntry("minutes", "Minutes must be at most 1440.");
    }

    @Test
    void decimalDigitsLimitTheFraction() {
      assertThat(errors(submit(form, "minutes", "1.5", "price", "1.005")))
          .containsExactly(
              entry("minutes", "Minutes must be a whole number."),
              entry("price", "Price must have at most 2 decimal digits."));
      assertThat(valid(submit(form, "minutes", "2.0"))).containsEntry("minutes", 2L);
    }

    @Test
    void anIncrementAllowsOnlyItsSteps() {
      assertThat(errors(submit(form, "size", "2.7")))
          .containsExactly(
              entry(
                  "size", "Size must be in steps of 0.5; the nearest valid values are 2.5 and 3."));
    }

    @Test
    void boundsMayBeFeelExpressionsOverTheVariables() {
      final FormSchema dynamic =
          form(
              """
              {"type": "number", "key": "amount", "label": "=\\"Amount in \\" + currency",
               "validate": {"max": "=budget * 2"}}""");

      final FormSubmission result =
          VALIDATOR.validate(
              dynamic, Map.of("budget", 50, "currency", "EUR"), post("amount", "101"));

      assertThat(errors(result)).containsEntry("amount", "Amount in EUR must be at most 100.");
    }
  }

  @Nested
  class Choices {

    private final FormSchema form =
        form(
            """
            {"type": "select", "key": "category", "label": "Category",
             "values": [{"label": "Network", "value": "network"}, {"label": "Other", "value": "other"}]}""",
            """
            {"type": "radio", "key": "priority", "label": "Priority",
             "values": [{"label": "One", "value": 1}, {"label": "Two", "value": 2}]}""",
            """
            {"type": "checkbox", "key": "stopsWork", "label": "This stops my work"}""",
            """
            {"type": "checklist", "key": "checks", "label": "Checks done",
             "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]}""",
            """
            {"type": "taglist", "key": "services", "label": "Services", "valuesKey": "knownServices"}""",
            """
            {"type": "select", "key": "team", "label": "Team",
             "valuesExpression": "=for t in teams return {label: upper case(t), value: t}"}""");

    private final Map<String, Object> variables =
        Map.of(
            "knownServices",
            List.of("mail", Map.of("label", "Virtual private network", "value", "vpn")),
            "teams",
            List.of("network", "desktop"));

    private FormSubmission submitWithVariables(final String... post) {
      return VALIDATOR.validate(form, variables, post(post));
    }

    @Test
    void choicesConvertToTheOptionValues() {
      final Map<String, Object> submitted =
          valid(
              submitWithVariables(
                  "category", "other",
                  "priority", "2",
                  "stopsWork", "true",
                  "checks", "b",
                  "checks", "a",
                  "services", "vpn",
                  "team", "desktop"));

      assertThat(submitted)
          .containsEntry("category", "other")
          .containsEntry("priority", 2)
          .containsEntry("stopsWork", true)
          .containsEntry("checks", List.of("b", "a"))
          .containsEntry("services", List.of("vpn"))
          .containsEntry("team", "desktop");
    }

    @Test
    void nothingChosenIsNullFalseOrAnEmptyList() {
      assertThat(valid(submitWithVariables()))
          .containsEntry("category", null)
          .containsEntry("priority", null)
          .containsEntry("stopsWork", false)
          .containsEntry("checks", List.of())
          .containsEntry("services", List.of());
    }

    @Test
    void aValueThatIsNotAnOptionIsRejected() {
      assertThat(
              errors(
                  submitWithVariables(
                      "category", "hardware",
                      "priority", "3",
                      "checks", "a",
                      "checks", "z",
                      "services", "erp",
                      "team", "NETWORK",
                      "stopsWork", "maybe")))
          .containsExactly(
              entry("category", "\"hardware\" is not one of the options of Category."),
              entry("priority", "\"3\" is not one of the options of Priority."),
              entry("stopsWork", "This stops my work must be checked or unchecked."),
              entry("checks", "\"z\" is not one of the options of Checks done."),
              entry("services", "\"erp\" is not one of the options of Services."),
              entry("team", "\"NETWORK\" is not one of the options of Team."));
    }

    @Test
    void requiredChoicesNeedAChoice() {
      final FormSchema required =
          form(
              """
              {"type": "checkbox", "key": "agree", "label": "I agree", "validate": {"required": true}}""",
              """
              {"type": "checklist", "key": "checks", "label": "Checks", "validate": {"required": true},
               "values": [{"label": "A", "value": "a"}]}""");

      assertThat(errors(VALIDATOR.validate(required, Map.of(), post())))
          .containsExactly(
              entry("agree", "I agree is required."), entry("checks", "Checks is required."));
    }
  }

  @Nested
  class Datetimes {

    private final FormSchema form =
        form(
            """
            {"type": "datetime", "subtype": "date", "key": "due", "dateLabel": "Due date",
             "disallowPassedDates": true}""",
            """
            {"type": "datetime", "subtype": "time", "key": "at", "timeLabel": "Time"}""",
            """
            {"type": "datetime", "subtype": "datetime", "key": "local", "dateLabel": "Local",
             "timeSerializingFormat": "no_timezone"}""",
            """
            {"type": "datetime", "subtype": "datetime", "key": "utc", "dateLabel": "UTC",
             "timeSerializingFormat": "utc_normalized"}""",
            """
            {"type": "datetime", "subtype": "datetime", "key": "offset", "dateLabel": "Offset"}""");

    @Test
    void datesAndTimesAreStoredTheWayFormJsStoresThem() {
      final Map<String, Object> submitted =
          valid(
              submit(
                  form,
                  "due",
                  "2025-03-10",
                  "at",
                  "14:30",
                  "local",
                  "2025-07-01T08:15",
                  "utc",
                  "2025-07-01T08:15",
                  "offset",
                  "2025-07-01T08:15"));

      assertThat(submitted)
          .containsEntry("due", "2025-03-10")
          .containsEntry("at", "14:30+01:00")
          .containsEntry("local", "2025-07-01T08:15")
          .containsEntry("utc", "2025-07-01T06:15Z")
          .containsEntry("offset", "2025-07-01T08:15+02:00");
    }

    @Test
    void unreadableInputNamesTheExpectedShape() {
      assertThat(errors(submit(form, "due", "10.03.2025", "at", "2pm", "local", "2025-07-01")))
          .containsExactly(
              entry("due", "Due date must be a date like 2025-01-31."),
              entry("at", "Time must be a time like 14:30."),
              entry("local", "Local must be a date and time like 2025-01-31T14:30."));
    }

    @Test
    void pastDatesCanBeDisallowed() {
      assertThat(errors(submit(form, "due", "2025-03-09")))
          .containsExactly(entry("due", "Due date must not be in the past."));
    }
  }

  @Nested
  class Structure {

    @Test
    void dottedKeysAndGroupPathsNestTheVariables() {
      final FormSchema form =
          form(
              """
              {"type": "textfield", "key": "contact.phone"}""",
              """
              {"type": "group", "path": "contact", "components": [
                {"type": "textfield", "key": "mail"}]}""",
              """
              {"type": "number", "key": "effort.minutes"}""");

      assertThat(
              valid(
                  submit(
                      form,
                      "contact.phone",
                      "+4930",
                      "contact.mail",
                      "a@b.c",
                      "effort.minutes",
                      "5")))
          .isEqualTo(
              Map.of(
                  "contact", Map.of("phone", "+4930", "mail", "a@b.c"),
                  "effort", Map.of("minutes", 5L)));
    }

    @Test
    void aFieldTheFormDoesNotHaveRejectsTheWholePost() {
      final FormSchema form = form("{\"type\": \"textfield\", \"key\": \"summary\"}");

      final FormSubmission result =
          submit(form, "summary", "fine", "isAdmin", "true", "approved", "yes");

      assertThat(errors(result))
          .containsExactly(
              entry("isAdmin", "\"isAdmin\" is not a field of this form."),
              entry("approved", "\"approved\" is not a field of this form."));
    }

    @Test
    void theCsrfTokenBelongsToThePageNotTheForm() {
      final FormSchema form = form("{\"type\": \"textfield\", \"key\": \"summary\"}");

      assertThat(valid(submit(form, "summary", "fine", "_csrf", "token")))
          .isEqualTo(Map.of("summary", "fine"));
    }

    @Test
    void theUsersInputIsKeptWhenInvalid() {
      final FormSchema form =
          form(
              "{\"type\": \"textfield\", \"key\": \"summary\", \"validate\": {\"required\": true}}",
              "{\"type\": \"checklist\", \"key\": \"checks\", \"values\": [{\"label\": \"A\", \"value\": \"a\"}]}",
              "{\"type\": \"number\", \"key\": \"minutes\"}");

      final FormSubmission result =
          submit(form, "minutes", "12x", "checks", "a", "unknown", "x", "_csrf", "t");

      final FormSubmission.Invalid invalid = (FormSubmission.Invalid) result;
      assertThat(invalid.input())
          .containsExactly(entry("minutes", List.of("12x")), entry("checks", List.of("a")));
      assertThat(invalid.errors()).containsOnlyKeys("unknown", "summary", "minutes");
    }
  }

  @Nested
  class HiddenAndReadOnly {

    private final FormSchema form =
        form(
            """
            {"type": "radio", "key": "state", "label": "State",
             "values": [{"label": "Resolved", "value": "Resolved"}, {"label": "On hold", "value": "On hold"}]}""",
            """
            {"type": "textfield", "key": "onHoldReason", "label": "On hold reason",
             "validate": {"required": true}, "conditional": {"hide": "=state != \\"On hold\\""}}""",
            """
            {"type": "group", "label": "Escalation", "conditional": {"hide": "=not(escalated)"},
             "components": [{"type": "textfield", "key": "escalatedTo", "validate": {"required": true}}]}""",
            """
            {"type": "textfield", "key": "ticket", "readonly": true, "validate": {"required": true}}""",
            """
            {"type": "textfield", "key": "owner", "disabled": true}""",
            """
            {"type": "textfield", "key": "approver", "readonly": "=state = \\"Resolved\\""}""");

    private FormSubmission submitWith(final Map<String, Object> variables, final String... post) {
      return VALIDATOR.validate(form, variables, post(post));
    }

    @Test
    void aHiddenRequiredFieldIsNeitherValidatedNorSubmitted() {
      final Map<String, Object> submitted =
          valid(
              submitWith(
                  Map.of("escalated", false, "state", "Open"),
                  "state",
                  "Resolved",
                  "onHoldReason",
                  "stale value from an earlier render",
                  "escalatedTo",
                  "someone"));

      assertThat(submitted)
          .containsOnlyKeys("state", "approver")
          .containsEntry("state", "Resolved");
    }

    @Test
    void aFieldShownBecauseOfAnotherPostedValueIsValidated() {
      assertThat(errors(submitWith(Map.of("escalated", false), "state", "On hold")))
          .containsExactly(entry("onHoldReason", "On hold reason is required."));
      assertThat(
              valid(
                  submitWith(
                      Map.of("escalated", false),
                      "state",
                      "On hold",
                      "onHoldReason",
                      "Waiting for vendor")))
          .containsEntry("onHoldReason", "Waiting for vendor");
    }

    @Test
    void aConditionOnAProcessVariableHidesAWholeGroup() {
      assertThat(errors(submitWith(Map.of("escalated", true), "state", "Resolved")))
          .containsExactly(entry("escalatedTo", "escalatedTo is required."));
    }

    @Test
    void readOnlyAndDisabledFieldsAreNeverTakenFromThePost() {
      final Map<String, Object> submitted =
          valid(
              submitWith(
                  Map.of("escalated", false, "ticket", "INC-1", "state", "Resolved"),
                  "state",
                  "Resolved",
                  "ticket",
                  "INC-666",
                  "owner",
                  "mallory",
                  "approver",
                  "mallory"));

      assertThat(submitted).containsOnlyKeys("state");
    }
  }
}
