package io.flowdesk.engine.job;

import io.flowdesk.engine.support.Rejection;
import java.time.Duration;
import java.util.Set;

/**
 * A worker's request for jobs, as both gateways receive it; checked on construction.
 *
 * @param type the job type; not empty
 * @param worker who asks, recorded on the jobs; empty when unnamed
 * @param timeout how long the jobs stay with the worker; at least 1 ms
 * @param maxJobs how many jobs at most; at least 1
 * @param fetchVariables names of the variables to hand over; empty means all visible ones
 * @param requestTimeoutMillis how long to wait for jobs: 0 means the default long poll, negative
 *     means answer at once
 */
public record ActivationRequest(
    String type,
    String worker,
    Duration timeout,
    int maxJobs,
    Set<String> fetchVariables,
    long requestTimeoutMillis) {

  // Zeebe's gateway holds an empty long poll this long when the request names no timeout.
  private static final long DEFAULT_LONG_POLL_MILLIS = 10_000;

  public ActivationRequest {
    if (type == null || type.isBlank()) {
      throw Rejection.invalidArgument(
          "Expected to activate jobs of a non-empty type, but type was empty");
    }
    if (timeout == null || timeout.toMillis() < 1) {
      throw Rejection.invalidArgument(
          "Expected to activate jobs with a timeout of at least 1 ms, but it was "
              + (timeout == null ? "not given" : timeout.toMillis()));
    }
    if (maxJobs < 1) {
      throw Rejection.invalidArgument(
          "Expected to activate at least 1 job, but maxJobsToActivate was " + maxJobs);
    }
    worker = worker == null ? "" : worker;
    fetchVariables = Set.copyOf(fetchVariables);
  }

  /** How long an empty poll waits for jobs; negative: not at all. */
  public long longPollMillis() {
    return requestTimeoutMillis == 0 ? DEFAULT_LONG_POLL_MILLIS : requestTimeoutMillis;
  }
}
