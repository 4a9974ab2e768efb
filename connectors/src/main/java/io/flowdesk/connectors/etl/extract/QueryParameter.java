package io.flowdesk.connectors.etl.extract;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sets one query parameter of a URI, replacing an existing one of the same name. */
final class QueryParameter {

  private QueryParameter() {}

  static URI set(final URI uri, final String name, final String value) {
    final String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
    final String pair = encodedName + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    final List<String> pairs = new ArrayList<>();
    boolean replaced = false;
    final String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (final String existing : query.split("&", -1)) {
        final int equals = existing.indexOf('=');
        final String existingName = equals >= 0 ? existing.substring(0, equals) : existing;
        if (!existingName.equals(encodedName)) {
          pairs.add(existing);
        } else if (!replaced) {
          pairs.add(pair);
          replaced = true;
        }
      }
    }
    if (!replaced) {
      pairs.add(pair);
    }
    final String text = uri.toString();
    final int end = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#');
    final String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
    return URI.create(
        (end >= 0 ? text.substring(0, end) : text) + "?" + String.join("&", pairs) + fragment);
  }
}
