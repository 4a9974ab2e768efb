package io.flowdesk.domain.directory;

/**
 * A team that incidents and tasks are assigned to ({@code name} is the id used in processes and
 * candidate groups, e.g. {@code service-desk}); {@code manager} is a username, may be null.
 */
public record AssignmentGroup(String name, String displayName, String manager) {}
