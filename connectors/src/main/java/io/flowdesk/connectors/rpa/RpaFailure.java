package io.flowdesk.connectors.rpa;

import java.nio.file.Path;

/**
 * Where and why a run stopped, with the evidence kept for whoever investigates.
 *
 * @param stepIndex index (0-based, as in the script's list of steps) of the failed step
 * @param step the failed step's description (fill values masked)
 * @param reason what went wrong, free of secret values
 * @param screenshot PNG of the page when the step failed, or null if none could be taken
 * @param trace Playwright trace zip of the run (open with {@code playwright show-trace}), scrubbed
 *     of secret values, or null if none could be written
 */
public record RpaFailure(int stepIndex, String step, String reason, Path screenshot, Path trace) {

  /** One line naming the step, the reason and the artifacts. */
  public String summary() {
    return "RPA steps["
        + stepIndex
        + "] ("
        + step
        + ") failed: "
        + reason
        + (screenshot != null ? "; screenshot " + screenshot : "")
        + (trace != null ? "; trace " + trace : "");
  }
}
