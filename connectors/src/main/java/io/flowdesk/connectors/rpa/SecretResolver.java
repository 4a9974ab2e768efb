package io.flowdesk.connectors.rpa;

import java.net.URI;

/**
 * Supplies credentials to {@code fill} steps by name, so scripts carry only names, and says where
 * each may be typed. The runner wipes each returned array once the run ends; a resolver must
 * therefore hand out a fresh copy per call.
 */
public interface SecretResolver {

  /** The secret called {@code name}, or null when there is none. */
  char[] resolve(String name);

  /**
   * Called before the secret {@code name} is typed into the page at {@code page} (null when the
   * page's address is not a URL); throws a runtime exception naming the secret and the page's
   * origin to refuse it, which ends the run before anything is typed.
   */
  void checkPage(String name, URI page);
}
