package io.flowdesk.domain.cmdb;

import java.util.Locale;

/**
 * The type of a directed relationship {@code source -> target}, read "source depends on / runs on /
 * is hosted on / connects to / contains target". In every type the source is impacted when the
 * target fails, which is what impact analysis follows.
 */
public enum RelationshipType {
  DEPENDS_ON,
  RUNS_ON,
  HOSTED_ON,
  CONNECTS_TO,
  CONTAINS;

  /** "depends on", as pages and the history show it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
