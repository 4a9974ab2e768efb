package io.flowdesk.app.record;

import java.util.List;
import org.springframework.data.domain.Page;

/** One page of a record API's list, with where it is in the whole. */
public record PageOf<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

  public static <T> PageOf<T> of(final Page<?> page, final List<T> items) {
    return new PageOf<>(
        items, page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages());
  }
}
