package io.flowdesk.engine.model;

/**
 * The process a call activity starts.
 *
 * @param processId static id or FEEL
 * @param propagateAllChildVariables child's variables flow back on completion (default true)
 * @param propagateAllParentVariables the child starts with all visible parent variables (default
 *     true)
 * @param binding which version of the process is started
 */
public record CalledElement(
    Expression processId,
    boolean propagateAllChildVariables,
    boolean propagateAllParentVariables,
    ResourceBinding binding) {}
