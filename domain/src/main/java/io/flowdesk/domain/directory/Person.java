package io.flowdesk.domain.directory;

import java.util.Set;

/** Someone who signs in to Flowdesk; {@code groups} are the assignment groups they belong to. */
public record Person(
    String username,
    String displayName,
    String email,
    Set<Role> roles,
    Set<String> groups,
    boolean enabled) {}
