package io.flowdesk.domain.cmdb;

/** Which way impact analysis walks the relationships from a CI. */
public enum ImpactDirection {
  /** What depends on the CI (its failure impacts them): target -> source. */
  UP,
  /** What the CI is made of and runs on: source -> target. */
  DOWN
}
