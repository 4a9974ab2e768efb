package io.flowdesk.workers.rpa;

import io.flowdesk.connectors.rpa.SecretResolver;
import io.flowdesk.domain.secret.BoundSecret;
import io.flowdesk.domain.secret.SecretStore;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The secrets of one RPA run from the {@link SecretStore}: each must be bound to connector {@code
 * rpa}, and the page a {@code fill} step types it into must be one of its destinations. Closing
 * wipes the values held for the run.
 */
final class RunBoundSecrets implements SecretResolver, AutoCloseable {

  private final SecretStore store;
  private final String connector;
  private final Map<String, BoundSecret> opened = new HashMap<>();

  RunBoundSecrets(final SecretStore store, final String connector) {
    this.store = store;
    this.connector = connector;
  }

  @Override
  public char[] resolve(final String name) {
    // A missing secret throws MissingSecretException: FLOWDESK_SECRET_MISSING, as in every worker.
    return opened.computeIfAbsent(name, n -> store.open(n, connector)).value();
  }

  @Override
  public void checkPage(final String name, final URI page) {
    opened.get(name).checkDestination(page);
  }

  @Override
  public void close() {
    opened.values().forEach(BoundSecret::close);
  }
}
