package io.flowdesk.app.portal.catalog;

import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.security.Viewer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Something a person can order in the portal: the latest version of a deployed process that
 * declares itself a catalog item (see {@link CatalogItemReader}).
 *
 * @param processId the BPMN process id; the item's id in URLs
 * @param processDefinitionKey the deployed version this item was read from
 * @param title the process name
 * @param audience role names and group names that may order it; empty for every signed-in person
 * @param icon a name the page may show as a glyph; empty for none
 * @param fulfilmentTarget how long fulfilment should take; null when the process names none
 * @param form the start form as deployed with the process
 */
public record CatalogItem(
    String processId,
    long processDefinitionKey,
    int version,
    String title,
    String category,
    String description,
    List<String> audience,
    String icon,
    Duration fulfilmentTarget,
    int order,
    List<String> keywords,
    Kind kind,
    FormSchema form) {

  /** What ordering the item does. */
  public enum Kind {
    /** Starts the process with the form's answers. */
    REQUEST,
    /** Records an incident and starts the incident process (IncidentReporting). */
    INCIDENT,
    /**
     * Raises a change and starts its type's change model (ChangeRaising, as {@code /changes/new});
     * offered only to those who work with changes, whatever the audience says.
     */
    CHANGE
  }

  public CatalogItem {
    audience = List.copyOf(audience);
    keywords = List.copyOf(keywords);
  }

  /** The item's page, where it is ordered. */
  public String href() {
    return "/portal/items/" + processId;
  }

  /** Whether this person may see and order the item. */
  public boolean offeredTo(final Viewer viewer) {
    if (kind == Kind.CHANGE && !viewer.worksTickets()) {
      // Changes are IT's own work (ChangeAccess): an audience cannot open them to end users.
      return false;
    }
    return audience.isEmpty()
        || audience.stream()
            .anyMatch(
                name ->
                    viewer.groups().contains(name)
                        || viewer.roles().stream().anyMatch(role -> role.name().equals(name)));
  }

  /** Whether every word of the query occurs in the title, description or keywords. */
  public boolean matches(final String query) {
    final String text =
        String.join(" ", title, description, String.join(" ", keywords)).toLowerCase(Locale.ROOT);
    for (final String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
      if (!word.isEmpty() && !text.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /** The fulfilment target in words ("3 days", "4 hours"); empty when there is none. */
  public String fulfilmentTargetText() {
    if (fulfilmentTarget == null) {
      return "";
    }
    final long minutes = fulfilmentTarget.toMinutes();
    if (minutes % (24 * 60) == 0 && minutes > 0) {
      return plural(minutes / (24 * 60), "day");
    }
    if (minutes % 60 == 0 && minutes > 0) {
      return plural(minutes / 60, "hour");
    }
    return plural(minutes, "minute");
  }

  private static String plural(final long n, final String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
