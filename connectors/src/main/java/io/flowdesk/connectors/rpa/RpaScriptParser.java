package io.flowdesk.connectors.rpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the JSON form of a script into typed steps, rejecting anything it does not understand
 * (unknown actions and fields included: a typo must not silently skip a step).
 */
final class RpaScriptParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final int DEFAULT_MAX_PAGES = 10;

  RpaScript parse(final String json) {
    if (json == null || json.isBlank()) {
      throw new RpaScriptException(-1, null, "the script is empty");
    }
    final JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RpaScriptException(
          -1, null, "not valid JSON (" + e.getOriginalMessage() + " at " + location(e) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new RpaScriptException(-1, null, "expected a JSON object with a \"steps\" array");
    }
    final Iterator<String> fields = root.fieldNames();
    while (fields.hasNext()) {
      final String field = fields.next();
      if (!field.equals("steps")) {
        throw new RpaScriptException(-1, field, "unknown field (only \"steps\" is allowed)");
      }
    }
    final JsonNode steps = root.get("steps");
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      throw new RpaScriptException(-1, "steps", "expected a non-empty array of steps");
    }
    final List<RpaStep> parsed = new ArrayList<>();
    for (int index = 0; index < steps.size(); index++) {
      parsed.add(step(index, steps.get(index)));
    }
    return new RpaScript(parsed);
  }

  private static String location(final JsonProcessingException e) {
    return e.getLocation() == null
        ? "unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private RpaStep step(final int index, final JsonNode node) {
    if (!node.isObject()) {
      throw new RpaScriptException(index, null, "expected an object with an \"action\"");
    }
    final StepFields f = new StepFields(index, node);
    final String action = f.required("action");
    final Duration timeout = f.timeout();
    final RpaStep step =
        switch (action) {
          case "goto" -> new RpaStep.Goto(f.required("url"), timeout);
          case "fill" -> {
            final String selector = f.required("selector");
            f.exactlyOne("value", "secret");
            yield new RpaStep.Fill(selector, f.optional("value"), f.optional("secret"), timeout);
          }
          case "click" -> new RpaStep.Click(f.required("selector"), timeout);
          case "select" -> {
            final String selector = f.required("selector");
            f.exactlyOne("value", "label");
            yield new RpaStep.Select(selector, f.optional("value"), f.optional("label"), timeout);
          }
          case "check" -> new RpaStep.Check(f.required("selector"), true, timeout);
          case "uncheck" -> new RpaStep.Check(f.required("selector"), false, timeout);
          case "waitFor" -> {
            f.exactlyOne("selector", "text");
            final String state = f.optional("state");
            yield new RpaStep.WaitFor(
                f.optional("selector"),
                f.optional("text"),
                state == null
                    ? RpaStep.WaitState.VISIBLE
                    : RpaStep.WaitState.of(state)
                        .orElseThrow(
                            () ->
                                new RpaScriptException(
                                    index,
                                    "state",
                                    "\""
                                        + state
                                        + "\" is not one of visible, hidden, attached, detached")),
                timeout);
          }
          case "extractText" ->
              new RpaStep.ExtractText(f.required("selector"), f.variable("variable"), timeout);
          case "extractAttribute" ->
              new RpaStep.ExtractAttribute(
                  f.required("selector"), f.required("attribute"), f.variable("variable"), timeout);
          case "extractTable" -> {
            final String selector = f.required("selector");
            final String variable = f.variable("variable");
            final String nextPage = f.optional("nextPage");
            final Integer maxPages = f.positiveInt("maxPages");
            if (maxPages != null && nextPage == null) {
              throw new RpaScriptException(index, "maxPages", "only makes sense with \"nextPage\"");
            }
            yield new RpaStep.ExtractTable(
                selector,
                variable,
                nextPage,
                nextPage == null ? 1 : maxPages == null ? DEFAULT_MAX_PAGES : maxPages,
                timeout);
          }
          case "screenshot" -> {
            final String name = f.required("name");
            if (!FILE_NAME.matcher(name).matches()) {
              throw new RpaScriptException(
                  index, "name", "\"" + name + "\" must be a plain file name ([A-Za-z0-9_.-])");
            }
            yield new RpaStep.Screenshot(name, timeout);
          }
          case "assert" -> assertion(f, timeout);
          default ->
              throw new RpaScriptException(
                  index,
                  "action",
                  "unknown action \""
                      + action
                      + "\" (known: goto, fill, click, select, check, uncheck, waitFor,"
                      + " extractText, extractAttribute, extractTable, screenshot, assert)");
        };
    f.rejectUnread();
    return step;
  }

  private static RpaStep assertion(final StepFields f, final Duration timeout) {
    final String urlPattern = f.optional("urlMatches");
    if (urlPattern != null) {
      if (f.has("selector")) {
        throw new RpaScriptException(
            f.index, "selector", "an assert checks either \"urlMatches\" or a \"selector\"");
      }
      try {
        // References are replaced by quoted values at run time; any literal checks the syntax.
        Pattern.compile(Template.substitute(urlPattern, name -> "x"));
      } catch (PatternSyntaxException e) {
        throw new RpaScriptException(
            f.index, "urlMatches", "not a regular expression: " + e.getDescription());
      }
      return new RpaStep.AssertUrl(urlPattern, timeout);
    }
    if (!f.has("selector")) {
      throw new RpaScriptException(
          f.index, null, "an assert needs either \"urlMatches\" or a \"selector\"");
    }
    final String selector = f.required("selector");
    final String which = f.exactlyOne("equals", "contains");
    return new RpaStep.AssertText(selector, f.optional(which), which.equals("equals"), timeout);
  }

  /** Reads one step object's fields, remembering which were used so leftovers can be rejected. */
  private static final class StepFields {

    private final int index;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();

    StepFields(final int index, final JsonNode node) {
      this.index = index;
      this.node = node;
    }

    boolean has(final String field) {
      return node.has(field) && !node.get(field).isNull();
    }

    String required(final String field) {
      final String value = optional(field);
      if (value == null) {
        throw new RpaScriptException(index, field, "missing field" + actionHint());
      }
      return value;
    }

    String optional(final String field) {
      read.add(field);
      final JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw new RpaScriptException(index, field, "expected a string" + actionHint());
      }
      if (value.asText().isEmpty()) {
        throw new RpaScriptException(index, field, "must not be empty" + actionHint());
      }
      return value.asText();
    }

    /** Requires exactly one of two fields and answers which one is present. */
    String exactlyOne(final String first, final String second) {
      read.add(first);
      read.add(second);
      if (has(first) == has(second)) {
        throw new RpaScriptException(
            index,
            null,
            "needs exactly one of \"" + first + "\" and \"" + second + "\"" + actionHint());
      }
      return has(first) ? first : second;
    }

    String variable(final String field) {
      final String name = required(field);
      if (!VARIABLE.matcher(name).matches()) {
        throw new RpaScriptException(
            index, field, "\"" + name + "\" is not a variable name ([A-Za-z_][A-Za-z0-9_.-]*)");
      }
      return name;
    }

    Integer positiveInt(final String field) {
      read.add(field);
      final JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
        throw new RpaScriptException(index, field, "expected a whole number of at least 1");
      }
      return value.asInt();
    }

    Duration timeout() {
      final Integer millis = positiveInt("timeoutMs");
      return millis == null ? null : Duration.ofMillis(millis);
    }

    void rejectUnread() {
      final Iterator<String> fields = node.fieldNames();
      while (fields.hasNext()) {
        final String field = fields.next();
        if (!read.contains(field)) {
          throw new RpaScriptException(index, field, "unknown field" + actionHint());
        }
      }
    }

    private String actionHint() {
      final JsonNode action = node.get("action");
      return action != null && action.isTextual() ? " (action " + action.asText() + ")" : "";
    }
  }
}
