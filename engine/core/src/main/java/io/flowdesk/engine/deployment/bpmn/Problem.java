package io.flowdesk.engine.deployment.bpmn;

/**
 * One reason to refuse a resource.
 *
 * @param anchorId id of the nearest element with an id, used to list problems in document order;
 *     null when there is none
 * @param element how the report names the element, e.g. {@code task} or {@code task >
 *     extensionElements > zeebe:taskDefinition} for an element without id
 * @param message what is wrong
 */
record Problem(String anchorId, String element, String message) {

  /** A problem on an element that has an id of its own. */
  static Problem at(final String elementId, final String message) {
    final boolean hasId = elementId != null && !elementId.isBlank();
    // Zeebe's validators report the missing id itself; this only keeps the report readable.
    return new Problem(elementId, hasId ? elementId : "(element without id)", message);
  }
}
