package io.flowdesk.connectors.rpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON script format: what it accepts and how it names what it rejects. No browser. */
class RpaScriptParserTest {

  @Test
  void parsesEveryActionIntoItsTypedStep() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "https://legacy.example/login", "timeoutMs": 30000},
              {"action": "fill", "selector": "#user", "value": "${user}"},
              {"action": "fill", "selector": "#pw", "secret": "legacy-admin"},
              {"action": "click", "selector": "text=Sign in"},
              {"action": "select", "selector": "#role", "label": "Operator"},
              {"action": "select", "selector": "#site", "value": "ber"},
              {"action": "check", "selector": "#active"},
              {"action": "uncheck", "selector": "#newsletter"},
              {"action": "waitFor", "text": "Saved", "state": "visible"},
              {"action": "waitFor", "selector": ".spinner", "state": "hidden"},
              {"action": "extractText", "selector": "#id", "variable": "userId"},
              {"action": "extractAttribute", "selector": "a.self", "attribute": "href",
               "variable": "link"},
              {"action": "extractTable", "selector": "#list", "variable": "rows",
               "nextPage": "a.next"},
              {"action": "extractTable", "selector": "#one", "variable": "single"},
              {"action": "screenshot", "name": "after-save"},
              {"action": "assert", "selector": "#flash", "contains": "created"},
              {"action": "assert", "selector": "#name", "equals": "${user}"},
              {"action": "assert", "urlMatches": ".*/users/\\\\d+"}
            ]}
            """);

    assertThat(script.steps())
        .containsExactly(
            new RpaStep.Goto("https://legacy.example/login", Duration.ofSeconds(30)),
            new RpaStep.Fill("#user", "${user}", null, null),
            new RpaStep.Fill("#pw", null, "legacy-admin", null),
            new RpaStep.Click("text=Sign in", null),
            new RpaStep.Select("#role", null, "Operator", null),
            new RpaStep.Select("#site", "ber", null, null),
            new RpaStep.Check("#active", true, null),
            new RpaStep.Check("#newsletter", false, null),
            new RpaStep.WaitFor(null, "Saved", RpaStep.WaitState.VISIBLE, null),
            new RpaStep.WaitFor(".spinner", null, RpaStep.WaitState.HIDDEN, null),
            new RpaStep.ExtractText("#id", "userId", null),
            new RpaStep.ExtractAttribute("a.self", "href", "link", null),
            new RpaStep.ExtractTable("#list", "rows", "a.next", 10, null),
            new RpaStep.ExtractTable("#one", "single", null, 1, null),
            new RpaStep.Screenshot("after-save", null),
            new RpaStep.AssertText("#flash", "created", false, null),
            new RpaStep.AssertText("#name", "${user}", true, null),
            new RpaStep.AssertUrl(".*/users/\\d+", null));
    assertThat(script.secretNames()).containsExactly("legacy-admin");
  }

  @Test
  void descriptionsNeverShowWhatAFillTypes() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "fill", "selector": "#user", "value": "hunter2"},
              {"action": "fill", "selector": "#pw", "secret": "legacy-admin"}
            ]}
            """);

    assertThat(script.steps())
        .extracting(RpaStep::describe)
        .containsExactly("fill \"#user\" with ***", "fill \"#pw\" with secret \"legacy-admin\"");
  }

  @Test
  void anUnknownActionIsNamedWithItsStepIndex() {
    assertThatThrownBy(
            () ->
                RpaScript.parse(
                    """
                    {"steps": [
                      {"action": "goto", "url": "https://legacy.example"},
                      {"action": "klick", "selector": "#go"}
                    ]}
                    """))
        .isInstanceOf(RpaScriptException.class)
        .hasMessageStartingWith(
            "invalid RPA script: steps[1].action: unknown action \"klick\" (known: goto, fill,");
  }

  @Test
  void aMissingFieldIsNamedWithItsStepIndexAndAction() {
    final RpaScriptException e =
        catchThrowableOfType(
            RpaScriptException.class,
            () ->
                RpaScript.parse(
                    """
                    {"steps": [
                      {"action": "goto", "url": "https://legacy.example"},
                      {"action": "click", "selector": "#menu"},
                      {"action": "extractText", "selector": "#id"}
                    ]}
                    """));

    assertThat(e)
        .hasMessage("invalid RPA script: steps[2].variable: missing field (action extractText)");
    assertThat(e.stepIndex()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("variable");
  }

  @Test
  void aFillNeedsExactlyOneOfValueAndSecret() {
    assertThatThrownBy(
            () ->
                RpaScript.parse(
                    """
                    {"steps": [{"action": "fill", "selector": "#pw", "value": "a", "secret": "b"}]}
                    """))
        .hasMessage(
            "invalid RPA script: steps[0]: needs exactly one of \"value\" and \"secret\""
                + " (action fill)");
    assertThatThrownBy(
            () -> RpaScript.parse("{\"steps\": [{\"action\": \"fill\", \"selector\": \"#pw\"}]}"))
        .hasMessageContaining("needs exactly one of \"value\" and \"secret\"");
  }

  @Test
  void aMisspelledFieldIsRejectedRatherThanIgnored() {
    assertThatThrownBy(
            () ->
                RpaScript.parse(
                    """
                    {"steps": [{"action": "click", "selector": "#a", "timeout": 5}]}
                    """))
        .hasMessage("invalid RPA script: steps[0].timeout: unknown field (action click)");
  }

  @Test
  void malformedJsonIsReportedWithItsPosition() {
    assertThatThrownBy(() -> RpaScript.parse("{\"steps\": [{\"action\": \"goto\",]}"))
        .isInstanceOf(RpaScriptException.class)
        .hasMessageStartingWith("invalid RPA script: script: not valid JSON (")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void aScriptWithoutStepsIsRejected() {
    assertThatThrownBy(() -> RpaScript.parse("{\"steps\": []}"))
        .hasMessage("invalid RPA script: script.steps: expected a non-empty array of steps");
    assertThatThrownBy(() -> RpaScript.parse("[]"))
        .hasMessage("invalid RPA script: script: expected a JSON object with a \"steps\" array");
  }

  @Test
  void badValuesAreNamedWithTheirField() {
    assertThatThrownBy(
            () ->
                RpaScript.parse(
                    step("\"action\": \"click\", \"selector\": \"#a\", \"timeoutMs\": 0")))
        .hasMessage(
            "invalid RPA script: steps[0].timeoutMs: expected a whole number of at least 1");
    assertThatThrownBy(
            () ->
                RpaScript.parse(
                    step("\"action\": \"waitFor\", \"selector\": \"#a\", \"state\": \"gone\"")))
        .hasMessage(
            "invalid RPA script: steps[0].state: \"gone\" is not one of visible, hidden, attached,"
                + " detached");
    assertThatThrownBy(() -> RpaScript.parse(step("\"action\": \"assert\", \"urlMatches\": \"(\"")))
        .hasMessageStartingWith(
            "invalid RPA script: steps[0].urlMatches: not a regular expression:");
    assertThatThrownBy(
            () -> RpaScript.parse(step("\"action\": \"screenshot\", \"name\": \"../escape\"")))
        .hasMessageStartingWith("invalid RPA script: steps[0].name: \"../escape\" must be a plain");
    assertThatThrownBy(
            () ->
                RpaScript.parse(
                    step(
                        "\"action\": \"extractTable\", \"selector\": \"t\", \"variable\": \"v\","
                            + " \"maxPages\": 3")))
        .hasMessage("invalid RPA script: steps[0].maxPages: only makes sense with \"nextPage\"");
    assertThatThrownBy(() -> RpaScript.parse(step("\"action\": \"click\", \"selector\": 7")))
        .hasMessage("invalid RPA script: steps[0].selector: expected a string (action click)");
  }

  @Test
  void referencesMustBeInputsOrVariablesExtractedEarlier() {
    final RpaScript script =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/users"},
              {"action": "extractText", "selector": "#id", "variable": "userId"},
              {"action": "goto", "url": "${baseUrl}/users/${userId}"},
              {"action": "assert", "selector": "#owner", "equals": "${owner}"}
            ]}
            """);

    script.requireReferencesWithin(Set.of("baseUrl", "owner"));
    assertThatThrownBy(() -> script.requireReferencesWithin(Set.of("baseUrl")))
        .isInstanceOf(RpaScriptException.class)
        .hasMessage(
            "invalid RPA script: steps[3]: ${owner} is neither an input of this run nor extracted"
                + " by an earlier step");
    final RpaScript usedTooEarly =
        RpaScript.parse(
            """
            {"steps": [
              {"action": "goto", "url": "https://legacy.example/users/${userId}"},
              {"action": "extractText", "selector": "#id", "variable": "userId"}
            ]}
            """);
    assertThatThrownBy(() -> usedTooEarly.requireReferencesWithin(Set.of()))
        .hasMessageStartingWith("invalid RPA script: steps[0]: ${userId} is neither");
  }

  private static String step(final String fields) {
    return "{\"steps\": [{" + fields + "}]}";
  }
}
