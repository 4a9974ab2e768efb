package io.flowdesk.app.diagram;

import java.util.Collection;
import java.util.Set;

/**
 * Which elements of a process instance to mark: the ones it is at now ({@code active}), the ones it
 * has passed ({@code completed}, flows included) and the ones stuck on an open incident ({@code
 * incidents}). An incident outranks active, active outranks completed; ids the diagram does not
 * have are ignored.
 *
 * @param active ids of the elements the instance is at
 * @param completed ids of the elements and sequence flows the instance has passed
 * @param incidents ids of the elements with an open incident
 */
public record DiagramHighlight(Set<String> active, Set<String> completed, Set<String> incidents) {

  /** Copies the sets; null means empty. */
  public DiagramHighlight {
    active = active == null ? Set.of() : Set.copyOf(active);
    completed = completed == null ? Set.of() : Set.copyOf(completed);
    incidents = incidents == null ? Set.of() : Set.copyOf(incidents);
  }

  /** Active and completed elements, no incident. */
  public DiagramHighlight(final Set<String> active, final Set<String> completed) {
    this(active, completed, Set.of());
  }

  /** Nothing marked: the diagram as modelled. */
  public static DiagramHighlight none() {
    return new DiagramHighlight(Set.of(), Set.of());
  }

  /** Only the given elements marked, as active. */
  public static DiagramHighlight active(final Collection<String> ids) {
    return new DiagramHighlight(Set.copyOf(ids), Set.of());
  }

  /** The same active elements, with these passed ones. */
  public DiagramHighlight withCompleted(final Collection<String> ids) {
    return new DiagramHighlight(active, Set.copyOf(ids), incidents);
  }

  /** The same marks, with these elements stuck on an open incident. */
  public DiagramHighlight withIncidents(final Collection<String> ids) {
    return new DiagramHighlight(active, completed, Set.copyOf(ids));
  }
}
