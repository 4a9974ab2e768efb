package io.flowdesk.app.record;

import io.flowdesk.app.system.PageNumbers;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The query parameters of the agents' record lists ({@code /incidents}, {@code /requests}): each
 * read value is checked, and a bad one goes into {@code errors} under its parameter's name, so the
 * list names it at its field.
 */
public final class ListParams {

  // A query string as a list's own form makes it (URL-encoded), and nothing else: a saved filter
  // is put back into a redirect and into links.
  private static final Pattern QUERY_STRING = Pattern.compile("[A-Za-z0-9%&=._+~-]*");

  private ListParams() {}

  /** Whether {@code query} is a list's query string as its form makes it, safe to link to. */
  public static boolean isQueryString(final String query) {
    return query != null && QUERY_STRING.matcher(query).matches();
  }

  /** The parameter's values as constants of {@code type}, ignoring case; blanks are left out. */
  public static <E extends Enum<E>> Set<E> values(
      final MultiValueMap<String, String> params,
      final String name,
      final Class<E> type,
      final Map<String, String> errors) {
    final Set<E> values = new LinkedHashSet<>();
    for (final String value : params.getOrDefault(name, List.of())) {
      if (value.isBlank()) {
        continue;
      }
      try {
        values.add(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        errors.put(name, "no " + name + " '" + value.strip() + "'");
      }
    }
    return values;
  }

  /** A day such as 2026-01-31, or null when the parameter is empty. */
  public static LocalDate date(
      final MultiValueMap<String, String> params,
      final String name,
      final Map<String, String> errors) {
    final String value = text(params, name);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.put(name, name + " must be a date such as 2026-01-31, not '" + value + "'");
      return null;
    }
  }

  /** A page number (0 when empty). */
  public static int page(
      final MultiValueMap<String, String> params,
      final String name,
      final Map<String, String> errors) {
    final String value = text(params, name);
    try {
      final int page = value.isEmpty() ? 0 : Integer.parseInt(value);
      if (PageNumbers.accepts(page)) {
        return page;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    errors.put(name, "no page '" + value + "'");
    return 0;
  }

  /** The first value, stripped; empty when there is none. */
  public static String text(final MultiValueMap<String, String> params, final String name) {
    final String value = params.getFirst(name);
    return value == null ? "" : value.strip();
  }

  /** Links from a list at {@code path} that keep every other filter: to a page, to a sort. */
  public record Links(String path, MultiValueMap<String, String> params) {

    public String page(final int page) {
      return with("page", Integer.toString(page));
    }

    /** Sorted by {@code key}: descending first, ascending when already descending by it. */
    public String sort(final String key) {
      final boolean sameAscending =
          key.equals(params.getFirst("sort")) && !"asc".equals(params.getFirst("dir"));
      return keeping(Set.of("sort", "dir", "page"))
          .queryParam("sort", key)
          .queryParam("dir", sameAscending ? "asc" : "desc")
          .encode()
          .build()
          .toUriString();
    }

    private String with(final String name, final String value) {
      return keeping(Set.of(name)).queryParam(name, value).encode().build().toUriString();
    }

    private UriComponentsBuilder keeping(final Set<String> without) {
      final UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
      params.forEach(
          (key, values) -> {
            if (!without.contains(key)) {
              uri.queryParam(key, values.toArray());
            }
          });
      return uri;
    }
  }
}
