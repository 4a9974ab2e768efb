package io.flowdesk.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to an {@link HttpCall} (after redirects). 4xx answers are results, not exceptions: the
 * caller decides what a 404 means.
 *
 * @param headers by lower-case name
 * @param text the body as text (empty when there was none)
 * @param json the body parsed, when the answer declared JSON and parsed; else null
 */
public record HttpResult(
    int status, Map<String, List<String>> headers, String text, JsonNode json) {

  public HttpResult {
    headers = Map.copyOf(headers);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(final String name) {
    final List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The JSON body if there is one, else the text. */
  public Object body() {
    return json != null ? json : text;
  }
}
