package io.flowdesk.app.cmdb;

import io.flowdesk.app.forms.Pickers;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Resolves what someone chose in a CI picker ({@code templates/cmdb/picker.html}) into a CI: the id
 * the browser's picker chose while the field still shows that CI's name, else the text itself as a
 * CI id or as a CI's exact name (ignoring case), which is how the picker works without JavaScript.
 * A name several CIs share (in different classes) is ambiguous and resolves to none.
 *
 * <p>As {@link Pickers} it serves Camunda form fields with the custom property {@code
 * flowdesk:picker}: {@value #PICKER} stores the CI's id and refuses anything else; {@value
 * #PICKER_OR_TEXT} stores the id when the input names a CI and keeps other text as typed (the
 * incident report, where a caller may name what the CMDB does not know).
 */
@Component
public class CiChoices implements Pickers {

  /** Custom property value: the field holds a CI id. */
  public static final String PICKER = "ci";

  /** Custom property value: a CI id when the input names one, else the text as typed. */
  public static final String PICKER_OR_TEXT = "ci-or-text";

  private final Cmdb cmdb;

  CiChoices(final Cmdb cmdb) {
    this.cmdb = cmdb;
  }

  /** What a picker's input resolved to. */
  public sealed interface Choice {

    /** Nothing was entered. */
    record None() implements Choice {}

    /** The CI. */
    record Found(ConfigurationItem ci) implements Choice {}

    /** The input names no single CI; {@code problem} says why (to show beside the field). */
    record Unresolved(String text, String problem) implements Choice {}
  }

  /**
   * @param text what the field shows
   * @param chosenId the id the browser's picker chose, or null
   */
  public Choice resolve(final String text, final String chosenId) {
    final String typed = text == null ? "" : text.strip();
    final Optional<ConfigurationItem> chosen =
        id(chosenId)
            .flatMap(cmdb::find)
            .filter(ci -> typed.isEmpty() || ci.name().equalsIgnoreCase(typed));
    if (chosen.isPresent()) {
      return new Choice.Found(chosen.get());
    }
    if (typed.isEmpty()) {
      return new Choice.None();
    }
    final Optional<ConfigurationItem> byId = id(typed).flatMap(cmdb::find);
    if (byId.isPresent()) {
      return new Choice.Found(byId.get());
    }
    final List<ConfigurationItem> named = cmdb.named(typed);
    if (named.size() == 1) {
      return new Choice.Found(named.get(0));
    }
    if (named.isEmpty()) {
      return new Choice.Unresolved(
          typed, "there is no configuration item called \u201c" + abbreviated(typed) + "\u201d");
    }
    return new Choice.Unresolved(
        typed,
        "several configuration items are called \u201c"
            + abbreviated(typed)
            + "\u201d ("
            + named.stream().map(ConfigurationItem::className).collect(Collectors.joining(", "))
            + "): choose one from the list");
  }

  /**
   * The CIs that several pickers of one field name, each once: {@code texts} as the pickers show
   * them (a name, or a CI id as an API sends), {@code chosen} the ids the browser's pickers chose,
   * position by position (shorter or empty where none was). The first input that names no single CI
   * is {@code field}'s problem, naming what was entered.
   */
  public List<ConfigurationItem> resolveAll(
      final List<String> texts,
      final List<String> chosen,
      final String field,
      final Map<String, String> problems) {
    final Map<java.util.UUID, ConfigurationItem> cis = new java.util.LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      // An emptied field names no CI, whatever id its picker chose before.
      if (texts.get(i) == null || texts.get(i).isBlank()) {
        continue;
      }
      final Choice choice = resolve(texts.get(i), i < chosen.size() ? chosen.get(i) : null);
      if (choice instanceof Choice.Found found) {
        cis.putIfAbsent(found.ci().id(), found.ci());
      } else if (choice instanceof Choice.Unresolved unresolved) {
        problems.putIfAbsent(field, unresolved.problem());
      }
    }
    return List.copyOf(cis.values());
  }

  @Override
  public boolean knows(final String picker) {
    return PICKER.equals(picker) || PICKER_OR_TEXT.equals(picker);
  }

  @Override
  public Picked pick(
      final String picker, final String label, final String text, final String chosenId) {
    final Choice choice = resolve(text, chosenId);
    if (choice instanceof Choice.Found found) {
      return new Picked.Value(found.ci().id().toString());
    }
    if (choice instanceof Choice.Unresolved unresolved) {
      return PICKER_OR_TEXT.equals(picker)
          ? new Picked.Value(unresolved.text())
          : new Picked.Problem(label + ": " + unresolved.problem() + ".");
    }
    return new Picked.Value("");
  }

  @Override
  public String display(final String picker, final Object stored) {
    if (stored == null) {
      return "";
    }
    return id(stored.toString())
        .flatMap(cmdb::find)
        .map(ConfigurationItem::name)
        .orElse(stored.toString());
  }

  private static Optional<UUID> id(final String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text.strip()));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }

  private static String abbreviated(final String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "\u2026";
  }
}
