package io.flowdesk.app.forms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed Camunda form (the form-js JSON schema that Camunda Modeler saves as a {@code .form}
 * file), checked for what rendering and validation rely on: every input has a key, no two inputs
 * bind the same variable, and every pattern compiles.
 */
public final class FormSchema {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Pattern PATH_SEGMENT = Pattern.compile("[^.\\s]+");

  private final Raw raw;
  private final String source;
  private final List<FormField> fields;
  private final Map<String, FormField> fieldsByName;

  private FormSchema(final Raw raw, final String source, final List<FormField> fields) {
    this.raw = raw;
    this.source = source;
    this.fields = List.copyOf(fields);
    final Map<String, FormField> byName = new LinkedHashMap<>();
    fields.forEach(field -> byName.put(field.name(), field));
    this.fieldsByName = Collections.unmodifiableMap(byName);
  }

  /**
   * Parses form-js JSON.
   *
   * @param json the file content
   * @param source where the JSON came from (a file name), used in error messages
   * @throws InvalidFormException naming {@code source} and the problem
   */
  public static FormSchema parse(final String json, final String source) {
    final Raw raw;
    try {
      raw = JSON.readValue(json, Raw.class);
    } catch (JsonProcessingException e) {
      throw new InvalidFormException(
          source + ": not a valid Camunda form: " + e.getOriginalMessage() + where(e), e);
    }
    if (raw == null) {
      throw new InvalidFormException(source + ": empty file, expected a Camunda form (JSON)");
    }
    if (raw.id() == null || raw.id().isBlank()) {
      throw new InvalidFormException(source + ": the form has no \"id\"");
    }
    if (raw.components() == null) {
      throw new InvalidFormException(source + ": the form has no \"components\" array");
    }
    final List<FormField> fields = new ArrayList<>();
    collect(raw.components(), "", source, fields);
    checkNames(fields, source);
    return new FormSchema(raw, source, fields);
  }

  /** The form id, which BPMN user tasks and start events reference ({@code formId}). */
  public String id() {
    return raw.id();
  }

  /** Where the schema was read from, for log and error messages. */
  public String source() {
    return source;
  }

  /** The form-js schema version the file was saved with. */
  public Integer schemaVersion() {
    return raw.schemaVersion();
  }

  /** {@code executionPlatform}, "Camunda Cloud" for Camunda 8 forms. */
  public String executionPlatform() {
    return raw.executionPlatform();
  }

  /** {@code executionPlatformVersion}, e.g. "8.8.0". */
  public String executionPlatformVersion() {
    return raw.executionPlatformVersion();
  }

  /** The top-level components in document order. */
  public List<FormComponent> components() {
    return raw.components();
  }

  /** Every input component, including those inside groups, in document order. */
  public List<FormField> fields() {
    return fields;
  }

  /** The input bound to a full dotted variable name, if the form has one. */
  public Optional<FormField> field(final String name) {
    return Optional.ofNullable(fieldsByName.get(name));
  }

  private static void collect(
      final List<FormComponent> components,
      final String prefix,
      final String source,
      final List<FormField> fields) {
    for (final FormComponent component : components) {
      if (component == null) {
        throw new InvalidFormException(source + ": a component is null");
      }
      if (component.type() == null || component.type().isBlank()) {
        throw new InvalidFormException(
            source + ": component " + describe(component) + " has no \"type\"");
      }
      final ComponentType type = component.kind();
      if (type.isInput()) {
        checkPath(component.key(), "key", component, source);
        fields.add(new FormField(component, prefix + component.key()));
        checkPattern(component, source);
      } else if (type.isContainer()) {
        String nested = prefix;
        if (component.path() != null && !component.path().isBlank()) {
          checkPath(component.path(), "path", component, source);
          nested = prefix + component.path() + ".";
        }
        collect(component.components(), nested, source, fields);
      }
    }
  }

  private static void checkPath(
      final String path, final String property, final FormComponent component, final String src) {
    if (path == null || path.isBlank()) {
      throw new InvalidFormException(
          src
              + ": "
              + component.type()
              + " "
              + describe(component)
              + " has no \""
              + property
              + "\"");
    }
    for (final String segment : path.split("\\.", -1)) {
      if (!PATH_SEGMENT.matcher(segment).matches()) {
        throw new InvalidFormException(
            src
                + ": "
                + property
                + " \""
                + path
                + "\" of "
                + describe(component)
                + " is not a variable name or a dotted path of variable names");
      }
    }
  }

  private static void checkPattern(final FormComponent component, final String source) {
    final String pattern = component.rules().pattern();
    if (pattern == null || pattern.isEmpty()) {
      return;
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new InvalidFormException(
          source
              + ": validation pattern of \""
              + component.key()
              + "\" is not a valid regular expression: "
              + e.getDescription(),
          e);
    }
  }

  // Two inputs writing the same variable, or one writing inside the other's value, would make the
  // submitted variables depend on field order.
  private static void checkNames(final List<FormField> fields, final String source) {
    final Map<String, FormField> seen = new LinkedHashMap<>();
    for (final FormField field : fields) {
      if (seen.putIfAbsent(field.name(), field) != null) {
        throw new InvalidFormException(
            source + ": two fields bind the same key \"" + field.name() + "\"");
      }
    }
    for (final String name : seen.keySet()) {
      for (final String other : seen.keySet()) {
        if (other.startsWith(name + ".")) {
          throw new InvalidFormException(
              source
                  + ": key \""
                  + other
                  + "\" lies inside key \""
                  + name
                  + "\"; one variable cannot be both a value and an object");
        }
      }
    }
  }

  private static String describe(final FormComponent component) {
    if (component.key() != null) {
      return "\"" + component.key() + "\"";
    }
    return component.id() != null ? "\"" + component.id() + "\"" : "(without id)";
  }

  private static String where(final JsonProcessingException e) {
    final JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Raw(
      String id,
      String type,
      Integer schemaVersion,
      String executionPlatform,
      String executionPlatformVersion,
      List<FormComponent> components) {

    Raw {
      components =
          components == null ? null : Collections.unmodifiableList(new ArrayList<>(components));
    }
  }
}
