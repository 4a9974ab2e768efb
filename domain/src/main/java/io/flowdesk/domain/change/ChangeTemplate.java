package io.flowdesk.domain.change;

/**
 * A pre-approved standard change ("Restart an application server") with the plans every change
 * raised from it starts with. {@code assignmentGroup} may be null (the one raising it chooses).
 */
public record ChangeTemplate(
    String id,
    String name,
    String description,
    String assignmentGroup,
    String implementationPlan,
    String backoutPlan,
    String testPlan) {}
