package io.flowdesk.engine.dmn;

/**
 * A decision of a DRG as deployment metadata lists it.
 *
 * @param id the decision id ({@code decisionId} in Zeebe's records)
 * @param name the decision name, null when the DMN gives none
 * @param versionTag the decision's {@code zeebe:versionTag} extension element value, null when
 *     absent
 */
public record DecisionInfo(String id, String name, String versionTag) {}
