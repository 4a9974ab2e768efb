package io.flowdesk.domain.change;

/** How much of the business a change touches, as the person raising it judges. */
public enum ChangeImpact {
  LOW,
  MEDIUM,
  HIGH
}
