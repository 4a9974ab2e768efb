package io.flowdesk.app.change;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Raises a change from the answers of a portal catalog item of kind {@code change} (processes/
 * catalog/request-change.bpmn): the same checks ({@link ChangeDrafts}) and the same raising ({@link
 * ChangeRaising}: record first, then the type's change model) as {@code /changes/new} and {@code
 * POST /api/changes}. The item's start form names its fields as the draft does (processes/README.md
 * "Catalog items").
 */
@Service
public class ChangeOrdering {

  private final ChangeDrafts drafts;
  private final ChangeRaising raising;
  private final ChangeAccess access;
  private final ChangeRecords records;

  ChangeOrdering(
      final ChangeDrafts drafts,
      final ChangeRaising raising,
      final ChangeAccess access,
      final ChangeRecords records) {
    this.drafts = drafts;
    this.raising = raising;
    this.access = access;
    this.records = records;
  }

  /**
   * What the item's start form reads besides its fields: {@code changeTemplates}, the standard
   * change templates as a select's options ({@code label}, {@code value}), so a form field with
   * {@code valuesKey: changeTemplates} offers the templates stored today.
   */
  public Map<String, Object> formData() {
    return Map.of(
        "changeTemplates",
        records.templates().stream()
            .map(template -> Map.of("label", template.name(), "value", template.id()))
            .toList());
  }

  /**
   * @throws org.springframework.security.access.AccessDeniedException the orderer does not work
   *     with changes
   * @throws ChangeDraftRefusedException naming each field that is wrong; nothing written
   * @throws io.flowdesk.app.record.ProcessNotStartedException the model did not start; the change
   *     was canceled
   */
  public Change raise(final Viewer orderer, final Map<String, Object> answers) {
    access.requireChangeWorker(orderer);
    final ChangeDrafts.Checked checked = drafts.check(draft(answers), orderer);
    if (!checked.valid()) {
      throw new ChangeDraftRefusedException(checked.problems());
    }
    return raising.raise(checked.change());
  }

  private static ChangeDraft draft(final Map<String, Object> answers) {
    return new ChangeDraft(
        text(answers, "type"),
        text(answers, "template"),
        text(answers, "summary"),
        text(answers, "description"),
        lines(answers.get("affectedCis")),
        text(answers, "plannedStart"),
        text(answers, "plannedEnd"),
        text(answers, "implementationPlan"),
        text(answers, "backoutPlan"),
        text(answers, "testPlan"),
        text(answers, "assignmentGroup"),
        lines(answers.get("incidents")));
  }

  private static String text(final Map<String, Object> answers, final String key) {
    final Object value = answers.get(key);
    return value == null ? null : value.toString();
  }

  // A text area gives one name a line; a taglist or checklist gives a list.
  private static List<String> lines(final Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    return value.toString().lines().toList();
  }
}
