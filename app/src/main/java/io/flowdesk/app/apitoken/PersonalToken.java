package io.flowdesk.app.apitoken;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A personal API token as stored: everything but its secret, of which only a digest is kept. */
public record PersonalToken(
    String id,
    String owner,
    String name,
    Set<TokenScope> scopes,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {

  public PersonalToken {
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public boolean isExpiredAt(final Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** "read write", in the enum's order. */
  public String scopeLabels() {
    return scopes.stream()
        .sorted(Comparator.naturalOrder())
        .map(TokenScope::label)
        .collect(Collectors.joining(" "));
  }

  /** "active", "expired" or "revoked", as the pages show it. */
  public String statusAt(final Instant now) {
    if (isRevoked()) {
      return "revoked";
    }
    return isExpiredAt(now) ? "expired" : "active";
  }
}
