package io.flowdesk.domain.request;

import jakarta.persistence.criteria.Predicate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/** A {@link RequestQuery} as the criteria of one query over {@code domain.request}. */
final class RequestSearch {

  private RequestSearch() {}

  static Specification<RequestRow> of(final RequestQuery query) {
    return (row, criteria, builder) -> {
      final List<Predicate> where = new ArrayList<>();
      if (query.text() != null && !query.text().isBlank()) {
        final String like = "%" + escaped(query.text().strip().toLowerCase(Locale.ROOT)) + "%";
        where.add(
            builder.or(
                builder.like(builder.lower(row.get("number")), like, '\\'),
                builder.like(builder.lower(row.get("title")), like, '\\')));
      }
      if (!query.states().isEmpty()) {
        where.add(row.get("state").in(query.states()));
      }
      if (query.person() != null && !query.person().isBlank()) {
        final String person = query.person().strip();
        where.add(
            builder.or(
                builder.equal(row.get("requester"), person),
                builder.equal(row.get("requestedFor"), person)));
      }
      if (query.item() != null && !query.item().isBlank()) {
        where.add(builder.equal(row.get("itemProcessId"), query.item().strip()));
      }
      if (query.from() != null) {
        where.add(
            builder.greaterThanOrEqualTo(
                row.get("createdAt"), query.from().atStartOfDay().toInstant(ZoneOffset.UTC)));
      }
      if (query.to() != null) {
        where.add(
            builder.lessThan(
                row.get("createdAt"),
                query.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
      }
      return builder.and(where.toArray(Predicate[]::new));
    };
  }

  // LIKE's own characters typed by a person match themselves.
  private static String escaped(final String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
