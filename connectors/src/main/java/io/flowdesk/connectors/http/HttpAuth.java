package io.flowdesk.connectors.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a call authenticates. Secrets arrive already resolved (the caller looks them up); they are
 * copied on creation and never shown by {@code toString()}.
 */
public sealed interface HttpAuth {

  static HttpAuth none() {
    return None.INSTANCE;
  }

  static HttpAuth basic(final String username, final char[] password) {
    return new Basic(username, password);
  }

  static HttpAuth bearer(final char[] token) {
    return new Bearer(token);
  }

  /** A key sent in a request header, e.g. {@code X-API-Key}. */
  static HttpAuth apiKeyHeader(final String header, final char[] key) {
    return new ApiKeyHeader(header, key);
  }

  /** A key sent as a query parameter, e.g. {@code api_key}. */
  static HttpAuth apiKeyQuery(final String parameter, final char[] key) {
    return new ApiKeyQuery(parameter, key);
  }

  /** No authentication. */
  final class None implements HttpAuth {
    static final None INSTANCE = new None();

    private None() {}

    @Override
    public String toString() {
      return "HttpAuth.None";
    }
  }

  /** HTTP Basic: {@code Authorization: Basic base64(user:password)}. */
  final class Basic implements HttpAuth {
    private final String username;
    private final char[] password;

    private Basic(final String username, final char[] password) {
      if (username == null || username.isEmpty() || username.contains(":")) {
        throw new IllegalArgumentException("basic auth username is missing or contains ':'");
      }
      this.username = username;
      this.password = Secrets.copy(password, "basic auth password");
    }

    String headerValue() {
      final byte[] credentials =
          (username + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
      return "Basic " + Base64.getEncoder().encodeToString(credentials);
    }

    @Override
    public String toString() {
      return "HttpAuth.Basic[username=" + username + ", password=***]";
    }
  }

  /** {@code Authorization: Bearer token}. */
  final class Bearer implements HttpAuth {
    private final char[] token;

    private Bearer(final char[] token) {
      this.token = Secrets.copy(token, "bearer token");
    }

    String headerValue() {
      return "Bearer " + new String(token);
    }

    @Override
    public String toString() {
      return "HttpAuth.Bearer[token=***]";
    }
  }

  /** An API key in a header. */
  final class ApiKeyHeader implements HttpAuth {
    private final String header;
    private final char[] key;

    private ApiKeyHeader(final String header, final char[] key) {
      this.header = HttpCall.requireHeaderName(header);
      this.key = Secrets.copy(key, "API key");
    }

    String header() {
      return header;
    }

    String value() {
      return new String(key);
    }

    @Override
    public String toString() {
      return "HttpAuth.ApiKeyHeader[header=" + header + ", key=***]";
    }
  }

  /** An API key in the query string. */
  final class ApiKeyQuery implements HttpAuth {
    private final String parameter;
    private final char[] key;

    private ApiKeyQuery(final String parameter, final char[] key) {
      if (parameter == null || parameter.isBlank()) {
        throw new IllegalArgumentException("API key query parameter name is missing");
      }
      this.parameter = parameter;
      this.key = Secrets.copy(key, "API key");
    }

    String parameter() {
      return parameter;
    }

    String value() {
      return new String(key);
    }

    @Override
    public String toString() {
      return "HttpAuth.ApiKeyQuery[parameter=" + parameter + ", key=***]";
    }
  }
}
