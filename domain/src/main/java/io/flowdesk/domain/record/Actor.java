package io.flowdesk.domain.record;

/**
 * Who writes to a record: a person through the portal, inbox or API ({@code jobKey} null), or a job
 * worker acting for the process (actor {@value #PROCESS}), whose writes are applied at most once
 * per job key.
 */
public interface Actor {

  /** The actor name recorded for job workers. */
  String PROCESS = "process";

  String actor();

  Long jobKey();

  /** A signed-in person. */
  static Actor person(final String username) {
    return new Of(username, null);
  }

  /** The job worker of {@code jobKey}. */
  static Actor job(final long jobKey) {
    return new Of(PROCESS, jobKey);
  }

  /** A plain actor. */
  record Of(String actor, Long jobKey) implements Actor {}
}
