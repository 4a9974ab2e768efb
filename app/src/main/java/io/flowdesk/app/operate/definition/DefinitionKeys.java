package io.flowdesk.app.operate.definition;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Keys in console addresses: digits only; anything else names no definition, so 404. */
final class DefinitionKeys {

  private DefinitionKeys() {}

  static long parse(final String key) {
    if (key == null
        || key.isEmpty()
        || key.length() > 19
        || !key.chars().allMatch(Character::isDigit)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No definition with key " + key);
    }
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No definition with key " + key);
    }
  }
}
