package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.AttributeDefinition;
import io.flowdesk.domain.cmdb.AttributeType;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.InvalidCiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The class page's form as typed: name, label, service, and one row per attribute ({@code a0.name},
 * {@code a0.label}, {@code a0.type}, {@code a0.options} one option a line, {@code
 * a0.referenceClass}, {@code a0.required}). A row without a name is an unused blank row; {@code
 * a0.remove} drops the row. Kept as typed so a refused post shows it again.
 */
record CiClassForm(String name, String label, boolean service, List<Row> rows) {

  /** Blank rows offered for new attributes (the page works without JavaScript). */
  static final int BLANK_ROWS = 3;

  /** Attribute rows a post may have; more is not a form this page made. */
  static final int MAX_ROWS = 200;

  /** One attribute row as typed. */
  record Row(
      String name,
      String label,
      String type,
      String options,
      String referenceClass,
      boolean required,
      boolean remove) {

    static Row blank() {
      return new Row("", "", "TEXT", "", "", false, false);
    }

    static Row of(final AttributeDefinition definition) {
      return new Row(
          definition.name(),
          definition.label(),
          definition.type().name(),
          String.join("\n", definition.options()),
          definition.referenceClass() == null ? "" : definition.referenceClass(),
          definition.required(),
          false);
    }

    public boolean unused() {
      return name.isBlank() && label.isBlank();
    }
  }

  static CiClassForm blank() {
    return new CiClassForm("", "", false, withBlankRows(List.of()));
  }

  static CiClassForm of(final CiClass ciClass) {
    return new CiClassForm(
        ciClass.name(),
        ciClass.label(),
        ciClass.service(),
        withBlankRows(ciClass.attributes().stream().map(Row::of).toList()));
  }

  static CiClassForm posted(final MultiValueMap<String, String> post) {
    final List<Row> rows = new ArrayList<>();
    for (int i = 0; i < MAX_ROWS && post.containsKey("a" + i + ".name"); i++) {
      final String prefix = "a" + i + ".";
      rows.add(
          new Row(
              text(post, prefix + "name"),
              text(post, prefix + "label"),
              text(post, prefix + "type"),
              text(post, prefix + "options"),
              text(post, prefix + "referenceClass"),
              post.containsKey(prefix + "required"),
              post.containsKey(prefix + "remove")));
    }
    return new CiClassForm(
        text(post, "name"), text(post, "label"), post.containsKey("service"), rows);
  }

  /** The same form with blank rows for more attributes, to show again. */
  CiClassForm again() {
    return new CiClassForm(
        name, label, service, withBlankRows(rows.stream().filter(row -> !row.unused()).toList()));
  }

  /**
   * The class this form defines.
   *
   * @throws InvalidCiException naming the field, for a type that is none of the five
   */
  CiClass toClass() {
    final List<AttributeDefinition> attributes = new ArrayList<>();
    for (final Row row : rows) {
      if (row.unused() || row.remove()) {
        continue;
      }
      final AttributeType type = type(row);
      attributes.add(
          new AttributeDefinition(
              row.name().strip(),
              row.label().strip(),
              type,
              row.required(),
              type == AttributeType.CHOICE
                  ? Arrays.stream(row.options().split("\\R"))
                      .map(String::strip)
                      .filter(option -> !option.isEmpty())
                      .distinct()
                      .toList()
                  : List.of(),
              type == AttributeType.REFERENCE ? row.referenceClass().strip() : null));
    }
    return new CiClass(name.strip(), label.strip(), false, service, attributes);
  }

  /** What the audit trail keeps of the class: its label, service flag and attributes. */
  static Map<String, Object> audited(final CiClass ciClass) {
    return Map.of(
        "label",
        ciClass.label(),
        "service",
        ciClass.service(),
        "attributes",
        ciClass.attributes().stream().map(CiClassForm::describe).toList());
  }

  private static String describe(final AttributeDefinition a) {
    return a.name()
        + ": "
        + a.type().name().toLowerCase(Locale.ROOT)
        + (a.type() == AttributeType.CHOICE ? " " + a.options() : "")
        + (a.referenceClass() == null ? "" : " to " + a.referenceClass())
        + (a.required() ? ", required" : "");
  }

  private static AttributeType type(final Row row) {
    try {
      return AttributeType.valueOf(row.type().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new InvalidCiException(
          "attributes." + row.name().strip(), "must be text, number, date, choice or reference");
    }
  }

  private static List<Row> withBlankRows(final List<Row> rows) {
    final List<Row> all = new ArrayList<>(rows);
    for (int i = 0; i < BLANK_ROWS; i++) {
      all.add(Row.blank());
    }
    return all;
  }

  private static String text(final MultiValueMap<String, String> post, final String key) {
    final String value = post.getFirst(key);
    return value == null ? "" : value;
  }
}
