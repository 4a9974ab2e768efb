package io.flowdesk.connectors.rpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
    return name ->
        switch (name) {
          case "console-admin" -> LegacyAdminConsole.PASSWORD.toCharArray();
          case "initial-password" -> INITIAL_PASSWORD.toCharArray();
          default -> null;
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
