package io.flowdesk.connectors.mail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The tests' {@link ProcessedMailIds}: a set in memory, which production must never use. */
final class RememberedMailIds implements ProcessedMailIds {

  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  @Override
  public boolean contains(final String messageId) {
    return ids.contains(messageId);
  }

  @Override
  public void add(final String messageId) {
    ids.add(messageId);
  }

  Set<String> ids() {
    return Set.copyOf(ids);
  }
}
