package io.flowdesk.domain.secret;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where a secret may go: the connectors that may use it and the destinations ({@link
 * SecretDestination}) they may send it to. Both must match a use; a binding with neither ({@link
 * #NONE}, what secrets stored before bindings existed have) lets the secret be used nowhere.
 *
 * @param connectors sorted connector names out of {@link #CONNECTORS}
 * @param destinations in the order given, without duplicates
 */
public record SecretBinding(Set<String> connectors, List<SecretDestination> destinations) {

  /** The connectors that use secrets; ETL reads only the application's own database. */
  public static final List<String> CONNECTORS = List.of("http", "chat", "rpa", "email", "sms");

  public static final SecretBinding NONE = new SecretBinding(Set.of(), List.of());

  private static final String FIX = "an admin sets where it may be used at /admin/secrets";

  public SecretBinding {
    connectors = Set.copyOf(connectors);
    destinations = List.copyOf(destinations);
    if (!CONNECTORS.containsAll(connectors)) {
      final Set<String> unknown = new TreeSet<>(connectors);
      unknown.removeAll(CONNECTORS);
      throw new IllegalArgumentException(
          "unknown connector " + String.join(", ", unknown) + " (known: " + CONNECTORS + ")");
    }
    if (connectors.isEmpty() != destinations.isEmpty()) {
      throw new IllegalArgumentException(
          connectors.isEmpty()
              ? "a secret with destinations needs at least one connector that may use it"
              : "a secret used by a connector needs at least one destination it may be sent to");
    }
  }

  /**
   * A binding from text as typed: connector names and destinations ({@code scheme://host[:port]});
   * blank entries are skipped, duplicates kept once.
   *
   * @throws IllegalArgumentException naming the first connector or destination that is wrong
   */
  public static SecretBinding of(
      final Collection<String> connectors, final Collection<String> destinations) {
    final Set<String> names =
        connectors.stream()
            .filter(name -> name != null && !name.isBlank())
            .map(name -> name.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toCollection(TreeSet::new));
    final List<SecretDestination> parsed = new ArrayList<>();
    for (final String destination : destinations) {
      if (destination != null && !destination.isBlank()) {
        final SecretDestination next = SecretDestination.parse(destination);
        if (!parsed.contains(next)) {
          parsed.add(next);
        }
      }
    }
    return new SecretBinding(names, parsed);
  }

  public boolean isNone() {
    return connectors.isEmpty();
  }

  /** The connector names, sorted. */
  public List<String> connectorList() {
    return connectors.stream().sorted().toList();
  }

  /** The destinations in their canonical form. */
  public List<String> destinationTexts() {
    return destinations.stream().map(SecretDestination::toString).toList();
  }

  /**
   * Refuses a use outside this binding.
   *
   * @throws SecretRefusedException naming the secret, the connector and the refused destination
   */
  public void check(final String secret, final String connector, final URI destination) {
    if (isNone()) {
      throw new SecretRefusedException(
          secret,
          connector,
          destination,
          "secret '"
              + secret
              + "' may be used by no connector and sent nowhere: it has no binding yet; "
              + FIX);
    }
    if (!connectors.contains(connector)) {
      throw new SecretRefusedException(
          secret,
          connector,
          destination,
          "secret '"
              + secret
              + "' may not be used by the "
              + connector
              + " connector (only by "
              + String.join(", ", connectorList())
              + "); "
              + FIX);
    }
    if (destinations.stream().noneMatch(allowed -> allowed.matches(destination))) {
      throw new SecretRefusedException(
          secret,
          connector,
          destination,
          "secret '"
              + secret
              + "' may not be sent to "
              + SecretDestination.originOf(destination)
              + " (allowed: "
              + String.join(", ", destinationTexts())
              + "); "
              + FIX);
    }
  }
}
