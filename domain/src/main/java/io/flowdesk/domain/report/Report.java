package io.flowdesk.domain.report;

import java.util.Arrays;
import java.util.Optional;

/** The reports managers get, by the name they have in URLs. */
public enum Report {
  DAILY("daily", "Opened and closed per day"),
  WEEKLY("weekly", "Opened and closed per week"),
  BACKLOG("backlog", "Open incidents by group and priority"),
  SLA("sla", "SLA compliance by group and priority"),
  MTTA_MTTR("mtta-mttr", "Mean time to acknowledge and to resolve, per week"),
  CATEGORIES("categories", "Top incident categories"),
  CIS("cis", "Top configuration items"),
  BREACHES("breaches", "SLA breaches");

  private final String slug;
  private final String title;

  Report(final String slug, final String title) {
    this.slug = slug;
    this.title = title;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public static Optional<Report> bySlug(final String slug) {
    return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
  }
}
