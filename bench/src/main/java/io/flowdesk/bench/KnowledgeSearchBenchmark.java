package io.flowdesk.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flowdesk.domain.DomainSchema;
import io.flowdesk.domain.knowledge.Audience;
import io.flowdesk.domain.knowledge.KnowledgeSearch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Issue 21's knowledge target: search p95 < 100 ms over 50,000 published articles. The articles are
 * written with SQL into the domain's migrated schema on a durable embedded PostgreSQL: titles of
 * 4–9 words and bodies of 60–260 words, drawn from 60 everyday IT words and 4,000 made-up ones with
 * a skewed distribution (a few words are in a large share of the articles, most in very few), a
 * fifth of them for agents only. Then one caller at a time runs {@link KnowledgeSearch#search} (the
 * query the pages, the API and the portal's suggestions run) for what people type: one common word,
 * one rare word, three words, and words still being typed (the last one a prefix), as an end user
 * (public articles) and as an agent (all), 10 results as the API's default.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.KnowledgeSearchBenchmark 50000 300}
 */
public final class KnowledgeSearchBenchmark {

  private KnowledgeSearchBenchmark() {}

  static final String[] COMMON = {
    "vpn", "printer", "password", "outlook", "teams", "laptop", "wifi", "network", "account",
    "login", "email", "browser", "screen", "keyboard", "mouse", "docking", "station", "update",
    "install", "software", "license", "access", "share", "drive", "folder", "file", "permission",
    "calendar", "meeting", "phone", "headset", "camera", "microphone", "sound", "battery",
        "charger",
    "monitor", "cable", "connection", "slow", "error", "crash", "freeze", "restart", "reset",
    "token", "certificate", "proxy", "firewall", "server", "database", "backup", "restore", "sync",
    "mobile", "tablet", "badge", "door", "scanner", "toner"
  };

  static final int MADE_UP = 4_000;

  private record Row(String kind, IntFunction<String> query) {}

  public static void main(final String[] args) throws Exception {
    final int articles = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    final int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    final String[] words = vocabulary();
    try (EmbeddedPostgres postgres = DurablePostgres.start()) {
      final HikariConfig config = new HikariConfig();
      config.setDataSource(postgres.getPostgresDatabase());
      config.setMaximumPoolSize(4);
      try (HikariDataSource db = new HikariDataSource(config)) {
        DomainSchema.migrate(db);
        final long loadStart = System.nanoTime();
        load(db, articles, words, new Random(7));
        final double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "Knowledge: %,d published articles (%,d words of vocabulary), loaded and analysed in"
                + " %.1f s (durable embedded PostgreSQL, %d cores); load average %s%n%n",
            articles,
            words.length,
            loadSeconds,
            Runtime.getRuntime().availableProcessors(),
            loadAverage());
        final KnowledgeSearch search = new KnowledgeSearch(db);
        final Random pick = new Random(42);
        final List<Row> rows =
            List.of(
                new Row("one common word", i -> COMMON[pick.nextInt(COMMON.length)]),
                new Row("one rare word", i -> words[COMMON.length + pick.nextInt(MADE_UP)]),
                new Row(
                    "three words",
                    i ->
                        COMMON[pick.nextInt(COMMON.length)]
                            + " "
                            + words[skewed(pick, words.length)]
                            + " "
                            + COMMON[pick.nextInt(COMMON.length)]),
                new Row(
                    "typing (last word a prefix)",
                    i -> {
                      final String last = COMMON[pick.nextInt(COMMON.length)];
                      return COMMON[pick.nextInt(COMMON.length)]
                          + " "
                          + last.substring(0, Math.min(last.length(), 3));
                    }));
        final List<Set<Audience>> readers =
            List.of(EnumSet.of(Audience.PUBLIC), EnumSet.allOf(Audience.class));
        // Unmeasured warm-up: JIT, plan cache, buffer cache.
        for (final Row row : rows) {
          for (final Set<Audience> audiences : readers) {
            measure(search, row, audiences, Math.max(20, queries / 5));
          }
        }
        System.out.println(
            "| query | reader | queries | results (mean) | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (final Row row : rows) {
          for (final Set<Audience> audiences : readers) {
            final double[] result = measure(search, row, audiences, queries);
            System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                row.kind(),
                audiences.size() == 1 ? "end user" : "agent",
                queries,
                result[0],
                result[1],
                result[2],
                result[3],
                result[4]);
          }
        }
        System.out.printf(Locale.ROOT, "%nload average after: %s%n", loadAverage());
      }
    }
  }

  /** {mean results, p50, p95, p99, max ms}. */
  private static double[] measure(
      final KnowledgeSearch search, final Row row, final Set<Audience> audiences, final int n) {
    final long[] nanos = new long[n];
    long found = 0;
    for (int i = 0; i < n; i++) {
      final String query = row.query().apply(i);
      final long start = System.nanoTime();
      found += search.search(query, audiences, 10).size();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new double[] {
      (double) found / n,
      percentile(nanos, 0.50),
      percentile(nanos, 0.95),
      percentile(nanos, 0.99),
      nanos[n - 1] / 1e6
    };
  }

  private static double percentile(final long[] sorted, final double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** The everyday words first, then made-up ones of 5–10 letters. */
  static String[] vocabulary() {
    final Random random = new Random(3);
    final List<String> words = new ArrayList<>(Arrays.asList(COMMON));
    for (int i = 0; i < MADE_UP; i++) {
      final StringBuilder word = new StringBuilder();
      final int length = 5 + random.nextInt(6);
      for (int c = 0; c < length; c++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      words.add(word.toString());
    }
    return words.toArray(String[]::new);
  }

  /** An index favouring the start of the vocabulary: the everyday words are the most frequent. */
  static int skewed(final Random random, final int size) {
    final double r = random.nextDouble();
    return (int) (size * r * r * r);
  }

  private static String text(final Random random, final String[] words, final int count) {
    final StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(i % 12 == 0 ? ".\n\n" : " ");
      }
      text.append(words[skewed(random, words.length)]);
    }
    return text.toString();
  }

  static void load(
      final DataSource db, final int articles, final String[] words, final Random random)
      throws Exception {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO domain.knowledge_article (number, title, body, category, audience,"
                  + " state, author, published_version, published_title, published_body,"
                  + " published_category, published_audience, published_at) VALUES (?, ?, ?, ?,"
                  + " ?, 'PUBLISHED', 'agent.anna', 1, ?, ?, ?, ?, now())")) {
        for (int i = 1; i <= articles; i++) {
          final String title = text(random, words, 4 + random.nextInt(6));
          final String body = text(random, words, 60 + random.nextInt(201));
          final String category = COMMON[random.nextInt(12)];
          final String audience = random.nextInt(5) == 0 ? "AGENTS" : "PUBLIC";
          insert.setString(1, String.format("KB%07d", i));
          insert.setString(2, title);
          insert.setString(3, body);
          insert.setString(4, category);
          insert.setString(5, audience);
          insert.setString(6, title);
          insert.setString(7, body);
          insert.setString(8, category);
          insert.setString(9, audience);
          insert.addBatch();
          if (i % 1_000 == 0) {
            insert.executeBatch();
            connection.commit();
          }
        }
        insert.executeBatch();
        connection.commit();
      }
      try (Statement sql = connection.createStatement()) {
        sql.execute("SELECT setval('domain.knowledge_article_number_seq', " + articles + ")");
        sql.execute("ANALYZE domain.knowledge_article");
      }
      connection.commit();
    }
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException unreadable) {
      return "unknown";
    }
  }
}
