package io.flowdesk.connectors.rpa;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets of one run, fetched before the first step (so a missing one stops the run before
 * anything is typed), and the masking that keeps their values out of every text the run hands back:
 * messages, variables and the Playwright trace. Masking covers the forms a value takes on its way
 * through a browser and a trace: as typed, JSON-escaped (once and twice), form-URL-encoded and
 * HTML-escaped.
 */
final class RunSecrets implements AutoCloseable {

  static final String MASK = "***";

  private final Map<String, char[]> values;
  private final SecretResolver resolver;
  private final List<String> forms;

  private RunSecrets(final Map<String, char[]> values, final SecretResolver resolver) {
    this.values = values;
    this.resolver = resolver;
    final Set<String> all = new LinkedHashSet<>();
    for (final char[] value : values.values()) {
      all.addAll(formsOf(new String(value)));
    }
    this.forms = new ArrayList<>(all);
    // Longest first, so a form containing another is masked whole.
    this.forms.sort(Comparator.comparingInt(String::length).reversed());
  }

  static RunSecrets resolve(final RpaScript script, final SecretResolver resolver) {
    final Map<String, char[]> values = new HashMap<>();
    for (int index = 0; index < script.steps().size(); index++) {
      if (script.steps().get(index) instanceof RpaStep.Fill fill
          && fill.secret() != null
          && !values.containsKey(fill.secret())) {
        final char[] value = resolver == null ? null : resolver.resolve(fill.secret());
        if (value == null) {
          values.values().forEach(v -> Arrays.fill(v, '\0'));
          throw new RpaScriptException(
              index, "secret", "the secret resolver knows no secret \"" + fill.secret() + "\"");
        }
        values.put(fill.secret(), value);
      }
    }
    return new RunSecrets(values, resolver);
  }

  /**
   * Asks the resolver whether the secret {@code name} may be typed into the page at {@code url}.
   */
  void checkPage(final String name, final String url) {
    URI page;
    try {
      page = URI.create(url);
    } catch (IllegalArgumentException notAUrl) {
      page = null;
    }
    resolver.checkPage(name, page);
  }

  /** The value to type for the secret called {@code name} (resolved up front). */
  String value(final String name) {
    return new String(values.get(name));
  }

  /** {@code text} with every form of every secret replaced by {@value #MASK}. */
  String mask(final String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (final String form : forms) {
      masked = masked.replace(form, MASK);
    }
    return masked;
  }

  /** The same masking on raw bytes (UTF-8 forms), for trace files. */
  byte[] mask(final byte[] bytes) {
    byte[] masked = bytes;
    for (final String form : forms) {
      masked = replace(masked, form.getBytes(StandardCharsets.UTF_8));
    }
    return masked;
  }

  boolean isEmpty() {
    return forms.isEmpty();
  }

  @Override
  public void close() {
    values.values().forEach(value -> Arrays.fill(value, '\0'));
  }

  private static List<String> formsOf(final String secret) {
    if (secret.isEmpty()) {
      return List.of();
    }
    final JsonStringEncoder json = JsonStringEncoder.getInstance();
    final String once = new String(json.quoteAsString(secret));
    final String twice = new String(json.quoteAsString(once));
    final String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return List.of(
        secret,
        once,
        twice,
        form,
        form.replace("+", "%20"),
        secret
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;"));
  }

  private static byte[] replace(final byte[] haystack, final byte[] needle) {
    final byte[] mask = MASK.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = null;
    int copied = 0;
    int i = 0;
    while (i <= haystack.length - needle.length) {
      if (matchesAt(haystack, needle, i)) {
        if (out == null) {
          out = new ByteArrayOutputStream(haystack.length);
        }
        out.write(haystack, copied, i - copied);
        out.write(mask, 0, mask.length);
        i += needle.length;
        copied = i;
      } else {
        i++;
      }
    }
    if (out == null) {
      return haystack;
    }
    out.write(haystack, copied, haystack.length - copied);
    return out.toByteArray();
  }

  private static boolean matchesAt(final byte[] haystack, final byte[] needle, final int at) {
    for (int j = 0; j < needle.length; j++) {
      if (haystack[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }
}
