package io.flowdesk.connectors.rpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The scripts and secrets that drive {@link LegacyAdminConsole}, shared by tests and the benchmark.
 */
public final class RpaScripts {

  /** The initial password the create-user script types from a secret. */
  public static final String INITIAL_PASSWORD = "Initial#Pass 42";

  private RpaScripts() {}

  /** The create-user script: sign in, fill the two-page form, confirm, check the new user. */
  public static RpaScript createUser() {
    return RpaScript.parse(resource("create-user.json"));
  }

  /** Inputs of the create-user script for a user with login {@code login}. */
  public static Map<String, Object> createUserInputs(final String baseUrl, final String login) {
    return Map.of(
        "baseUrl",
        baseUrl,
        "adminUser",
        LegacyAdminConsole.USER,
        "login",
        login,
        "fullName",
        "Jane Doe",
        "email",
        login + "@example.org");
  }

  /** Knows the console's admin password and the initial password of new users. */
  public static SecretResolver secrets() {
    return anyPage(
        name ->
            switch (name) {
              case "console-admin" -> LegacyAdminConsole.PASSWORD.toCharArray();
              case "initial-password" -> INITIAL_PASSWORD.toCharArray();
              default -> null;
            });
  }

  /**
   * A resolver whose secrets may be typed into any page: these scripts type only into the console,
   * and page checks have their own test.
   */
  public static SecretResolver anyPage(final Function<String, char[]> values) {
    return new SecretResolver() {
      @Override
      public char[] resolve(final String name) {
        return values.apply(name);
      }

      @Override
      public void checkPage(final String name, final URI page) {}
    };
  }

  private static String resource(final String name) {
    try (InputStream in = RpaScripts.class.getResourceAsStream("/rpa/scripts/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
