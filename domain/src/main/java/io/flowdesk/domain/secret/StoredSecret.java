package io.flowdesk.domain.secret;

/** A stored secret as lists show it: its name and binding, never its value. */
public record StoredSecret(String name, SecretBinding binding) {}
