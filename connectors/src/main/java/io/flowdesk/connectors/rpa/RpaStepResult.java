package io.flowdesk.connectors.rpa;

import java.time.Duration;

/**
 * One step that ran to completion.
 *
 * @param stepIndex index (0-based) in the script's list of steps
 * @param step the step's description (fill values masked)
 * @param duration how long the step took
 */
public record RpaStepResult(int stepIndex, String step, Duration duration) {}
