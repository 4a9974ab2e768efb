package io.flowdesk.app.diagram;

/**
 * How many instances of one element of a process definition are at it now, stuck at it with an
 * incident, or have passed it: what a count badge on the element shows.
 *
 * @param active element instances alive without an incident
 * @param incidents element instances alive with an open incident
 * @param completed element instances that completed
 */
public record ElementCounts(long active, long incidents, long completed) {

  /** Whether there is anything to show. */
  public boolean isEmpty() {
    return active == 0 && incidents == 0 && completed == 0;
  }
}
