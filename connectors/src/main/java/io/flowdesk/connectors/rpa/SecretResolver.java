package io.flowdesk.connectors.rpa;

/**
 * Supplies credentials to {@code fill} steps by name, so scripts carry only names. The runner wipes
 * each returned array once the run ends; a resolver must therefore hand out a fresh copy per call.
 */
@FunctionalInterface
public interface SecretResolver {

  /** The secret called {@code name}, or null when there is none. */
  char[] resolve(String name);
}
