package io.flowdesk.domain.incident;

import io.flowdesk.domain.record.Actor;

/**
 * Who changes a record: a person through the portal, inbox or API, or a job worker acting for the
 * process. A job's change is applied at most once per job key, so a retried job changes nothing
 * twice.
 */
public record ChangeSource(String actor, Long jobKey) implements Actor {

  /** A change made by a signed-in person. */
  public static ChangeSource person(final String username) {
    return new ChangeSource(username, null);
  }

  /** A change made by the job worker of {@code jobKey}, recorded under the actor "process". */
  public static ChangeSource job(final long jobKey) {
    return new ChangeSource(PROCESS, jobKey);
  }
}
