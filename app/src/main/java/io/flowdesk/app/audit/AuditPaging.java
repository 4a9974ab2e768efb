package io.flowdesk.app.audit;

import io.flowdesk.app.system.PageNumbers;

/** Page numbers and sizes of the trail's page and API, read from what was typed. */
final class AuditPaging {

  static final int PAGE_SIZE = 50;
  static final int MAX_SIZE = 200;

  private AuditPaging() {}

  /**
   * @throws IllegalArgumentException naming the value when it is not a page number
   */
  static int page(final String typed) {
    try {
      final int number = Integer.parseInt(typed.strip());
      if (PageNumbers.accepts(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "'" + typed + "' is not a page number (0 to " + PageNumbers.MAX + ").");
  }

  /**
   * @throws IllegalArgumentException naming the value when it is not a size from 1 to 200
   */
  static int size(final String typed) {
    try {
      final int size = Integer.parseInt(typed.strip());
      if (size >= 1 && size <= MAX_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "'" + typed + "' is not a page size (1 to " + MAX_SIZE + ").");
  }
}
