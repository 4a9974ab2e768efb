package io.flowdesk.app.record;

import io.flowdesk.domain.directory.Directory;
import org.springframework.stereotype.Component;

/** Starts records' readable histories, for the agents' view or for the people the records serve. */
@Component
public class Timelines {

  private final Directory directory;

  Timelines(final Directory directory) {
    this.directory = directory;
  }

  /**
   * An empty history.
   *
   * @param agentsView whether internal work notes are part of it; never for callers and requesters
   */
  public Timeline start(final boolean agentsView) {
    return new Timeline(directory, agentsView);
  }
}
