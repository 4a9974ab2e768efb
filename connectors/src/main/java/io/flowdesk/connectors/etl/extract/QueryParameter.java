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
    final List<String> kept = new ArrayList<>();
    final String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (final String pair : query.split("&")) {
        final String pairName = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!pairName.equals(encodedName)) {
          kept.add(pair);
        }
      }
    }
    kept.add(encodedName + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    final String base = uri.toString();
    final int cut = base.indexOf('?') >= 0 ? base.indexOf('?') : base.indexOf('#');
    final String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
    return URI.create(
        (cut >= 0 ? base.substring(0, cut) : base) + "?" + String.join("&", kept) + fragment);
  }
}
