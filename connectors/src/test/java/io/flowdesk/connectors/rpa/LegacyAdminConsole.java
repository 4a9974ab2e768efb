package io.flowdesk.connectors.rpa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small legacy admin console on a local port for RPA scripts to drive: a login with a session
 * cookie, a paginated directory table, a two-page "create user" form that records what was
 * confirmed, a page that fills in late and one that echoes what is typed. Pages come from {@code
 * rpa/site/*.html}. Also used by {@code bench}'s RpaBenchmark.
 */
public final class LegacyAdminConsole implements AutoCloseable {

  public static final String USER = "admin";
  public static final String PASSWORD = "Tr0ub4dor&3! \"pw\"";
  public static final int DIRECTORY_PAGE_SIZE = 4;

  /** Ten people: pages of four, four and two rows. */
  public static final List<List<String>> PEOPLE =
      List.of(
          List.of("Ada Lovelace", "Platform", "+44 20 7946 0001"),
          List.of("Alan Turing", "Platform", "+44 20 7946 0002"),
          List.of("Grace Hopper", "Service Desk", "+1 202 555 0103"),
          List.of("Edsger Dijkstra", "Network", "+31 20 555 0104"),
          List.of("Barbara Liskov", "Service Desk", "+1 617 555 0105"),
          List.of("Donald Knuth", "Storage", "+1 650 555 0106"),
          List.of("Margaret Hamilton", "Network", "+1 617 555 0107"),
          List.of("Ken Thompson", "Platform", "+1 908 555 0108"),
          List.of("Frances Allen", "Storage", "+1 914 555 0109"),
          List.of("Niklaus Wirth", "Network", "+41 44 555 0110"));

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();
  private final List<Map<String, String>> createdUsers = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final AtomicInteger nextUserId = new AtomicInteger(100);

  private LegacyAdminConsole(final HttpServer server) {
    this.server = server;
  }

  public static LegacyAdminConsole start() {
    try {
      // 127.0.0.1 by its bytes, as baseUrl names it, not a name that could resolve to several.
      final HttpServer server =
          HttpServer.create(
              new InetSocketAddress(
                  java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
              0);
      final LegacyAdminConsole console = new LegacyAdminConsole(server);
      server.createContext("/", console::handle);
      server.setExecutor(console.executor);
      server.start();
      return console;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every user confirmed on the create-user form, as the fields that were submitted. */
  public List<Map<String, String>> createdUsers() {
    return List.copyOf(createdUsers);
  }

  /** How many requests reached {@code path} (without query). */
  public int hits(final String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      final boolean post = exchange.getRequestMethod().equals("POST");
      final Map<String, String> session = session(exchange);
      if (path.equals("/login")) {
        if (post) {
          login(exchange, form(exchange));
        } else {
          page(exchange, 200, "Sign in", "login", Map.of("flash", "", "username", ""));
        }
      } else if (path.equals("/directory")) {
        directory(exchange);
      } else if (path.equals("/delayed")) {
        page(exchange, 200, "Report", "delayed", Map.of());
      } else if (path.equals("/mirror")) {
        page(exchange, 200, "Mirror", "mirror", Map.of());
      } else if (session == null && (path.equals("/home") || path.startsWith("/admin/"))) {
        redirect(exchange, "/login");
      } else if (path.equals("/home")) {
        page(exchange, 200, "Home", "home", Map.of("user", session.get("user")));
      } else if (path.equals("/admin/users/new") && post) {
        session.keySet().removeIf(key -> key.startsWith("draft."));
        form(exchange).forEach((key, value) -> session.put("draft." + key, value));
        redirect(exchange, "/admin/users/confirm");
      } else if (path.equals("/admin/users/new")) {
        page(exchange, 200, "New user", "user-form", Map.of());
      } else if (path.equals("/admin/users/confirm") && post) {
        confirm(exchange, session);
      } else if (path.equals("/admin/users/confirm")) {
        page(exchange, 200, "Confirm user", "user-confirm", draft(session));
      } else if (path.startsWith("/admin/users/")) {
        viewUser(exchange, path.substring("/admin/users/".length()));
      } else {
        page(exchange, 404, "Not found", "not-found", Map.of());
      }
    }
  }

  private void login(final HttpExchange exchange, final Map<String, String> form)
      throws IOException {
    if (USER.equals(form.get("username")) && PASSWORD.equals(form.get("password"))) {
      final String id = UUID.randomUUID().toString();
      final Map<String, String> session = new ConcurrentHashMap<>();
      session.put("user", USER);
      sessions.put(id, session);
      exchange.getResponseHeaders().add("Set-Cookie", "session=" + id + "; Path=/; HttpOnly");
      redirect(exchange, "/home");
    } else {
      page(
          exchange,
          200,
          "Sign in",
          "login",
          Map.of(
              "flash",
              "<p class=\"flash error\">Invalid username or password</p>",
              "username",
              escape(form.getOrDefault("username", ""))));
    }
  }

  private void directory(final HttpExchange exchange) throws IOException {
    final String query = exchange.getRequestURI().getQuery();
    final int pages = (PEOPLE.size() + DIRECTORY_PAGE_SIZE - 1) / DIRECTORY_PAGE_SIZE;
    final int page =
        query != null && query.startsWith("page=") ? Integer.parseInt(query.substring(5)) : 1;
    final StringBuilder rows = new StringBuilder();
    PEOPLE.stream()
        .skip((long) (page - 1) * DIRECTORY_PAGE_SIZE)
        .limit(DIRECTORY_PAGE_SIZE)
        .forEach(
            person ->
                rows.append("      <tr><td>")
                    .append(String.join("</td><td>", person))
                    .append("</td></tr>\n"));
    final String next =
        page < pages
            ? "<a id=\"next\" href=\"/directory?page=" + (page + 1) + "\">Next</a>"
            : "<span id=\"next-disabled\">Next</span>";
    page(
        exchange,
        200,
        "Directory",
        "directory",
        Map.of(
            "page", String.valueOf(page),
            "pages", String.valueOf(pages),
            "rows", rows.toString(),
            "next", next));
  }

  private void confirm(final HttpExchange exchange, final Map<String, String> session)
      throws IOException {
    final Map<String, String> user = new LinkedHashMap<>(draftFields(session));
    if (user.isEmpty()) {
      page(exchange, 404, "Not found", "not-found", Map.of());
      return;
    }
    final String id = String.valueOf(nextUserId.getAndIncrement());
    user.put("id", id);
    createdUsers.add(Map.copyOf(user));
    session.keySet().removeIf(key -> key.startsWith("draft."));
    redirect(exchange, "/admin/users/" + id);
  }

  private void viewUser(final HttpExchange exchange, final String id) throws IOException {
    for (final Map<String, String> user : createdUsers) {
      if (user.get("id").equals(id)) {
        page(
            exchange,
            200,
            "User " + id,
            "user-view",
            Map.of(
                "id",
                id,
                "login",
                escape(user.get("login")),
                "role",
                escape(user.get("role")),
                "active",
                user.containsKey("active") ? "yes" : "no"));
        return;
      }
    }
    page(exchange, 404, "Not found", "not-found", Map.of());
  }

  private static Map<String, String> draft(final Map<String, String> session) {
    final Map<String, String> escaped = new LinkedHashMap<>();
    draftFields(session).forEach((key, value) -> escaped.put(key, escape(value)));
    for (final String key : List.of("login", "fullName", "email", "role")) {
      escaped.putIfAbsent(key, "");
    }
    return escaped;
  }

  private static Map<String, String> draftFields(final Map<String, String> session) {
    final Map<String, String> fields = new LinkedHashMap<>();
    session.forEach(
        (key, value) -> {
          if (key.startsWith("draft.")) {
            fields.put(key.substring("draft.".length()), value);
          }
        });
    return fields;
  }

  private Map<String, String> session(final HttpExchange exchange) {
    for (final String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (final String cookie : header.split(";", 0)) {
        final String[] pair = cookie.strip().split("=", 2);
        if (pair.length == 2 && pair[0].equals("session")) {
          return sessions.get(pair[1]);
        }
      }
    }
    return null;
  }

  private static Map<String, String> form(final HttpExchange exchange) throws IOException {
    final String body =
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    final Map<String, String> form = new LinkedHashMap<>();
    for (final String pair : body.split("&", 0)) {
      if (!pair.isEmpty()) {
        final String[] kv = pair.split("=", 2);
        form.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return form;
  }

  private static void redirect(final HttpExchange exchange, final String location)
      throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  private static void page(
      final HttpExchange exchange,
      final int status,
      final String title,
      final String template,
      final Map<String, String> values)
      throws IOException {
    final String body = fill(resource(template), values);
    final String html = fill(resource("layout"), Map.of("title", escape(title), "body", body));
    final byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String fill(final String template, final Map<String, String> values) {
    String html = template;
    for (final Map.Entry<String, String> value : values.entrySet()) {
      html = html.replace("{{" + value.getKey() + "}}", value.getValue());
    }
    return html;
  }

  private static String resource(final String name) {
    try (InputStream in =
        LegacyAdminConsole.class.getResourceAsStream("/rpa/site/" + name + ".html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(final String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** {@link #PEOPLE} from {@code fromIndex} (inclusive) to {@code toIndex}, as table rows. */
  public static List<Map<String, String>> directoryRows(final int fromIndex, final int toIndex) {
    final List<Map<String, String>> rows = new ArrayList<>();
    for (final List<String> person : PEOPLE.subList(fromIndex, toIndex)) {
      rows.add(Map.of("Name", person.get(0), "Team", person.get(1), "Phone", person.get(2)));
    }
    return rows;
  }
}
