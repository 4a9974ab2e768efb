package io.flowdesk.app.diagram;

/**
 * A {@code bpmndi:BPMNShape}: where an element is drawn.
 *
 * @param element the element drawn
 * @param bounds its outline
 * @param label where its external label goes, or null when DI does not say
 * @param expanded whether a sub-process shows its content
 * @param horizontal whether a pool or lane has its name band on the left
 */
record Shape(
    SemanticElement element, Bounds bounds, Bounds label, boolean expanded, boolean horizontal) {}
