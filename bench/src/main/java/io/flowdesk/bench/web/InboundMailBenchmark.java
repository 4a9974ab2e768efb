package io.flowdesk.bench.web;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Email-to-ticket latency (issue 21: p95 < 2 s at 20 mails/s): new mails from a directory person
 * are delivered to the service desk's mailbox on the packaged app's local mail server at a fixed
 * rate, and each is timed from the SMTP server's acceptance to the moment its row in {@code
 * domain.inbound_mail} is visible; that row is written in the transaction that records the
 * incident, so it is "record committed". The database is polled every 20 ms, so times are up to 20
 * ms late.
 *
 * <p>The mailbox is read by the app's clustered Quartz job on its cron, {@code
 * flowdesk.mailboxes.poll-cron}; this benchmark runs with {@code -Dflowdesk.bench.poll-cron} (every
 * second by default; the app's own default is every minute).
 *
 * <p>Run from bench/ after {@code ./mvnw -q -B -pl app,bench -am package -DskipTests}: {@code java
 * -cp "$(cat target/classpath.txt):target/classes" io.flowdesk.bench.web.InboundMailBenchmark 20 60
 * ../app/target/flowdesk-app.jar}
 */
public final class InboundMailBenchmark {

  private static final String DESK = "servicedesk@localhost";
  private static final String CALLER = "alice@example.com";

  private InboundMailBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final Path jar = Path.of(args.length > 2 ? args[2] : "../app/target/flowdesk-app.jar");
    final String cron = System.getProperty("flowdesk.bench.poll-cron", "* * * * * ?");
    final int total = perSecond * seconds;
    final int dbPort = AppProcess.freePort();
    final int smtpPort = AppProcess.freePort();
    System.out.printf("load average at the start: %s%n", PortalBenchmark.loadAverage());
    System.out.printf("mailbox poll cron: %s%n", cron);

    try (AppProcess app =
        AppProcess.start(
            jar,
            Files.createTempDirectory("flowdesk-inbound-mail-bench").resolve("data"),
            "1g",
            "--flowdesk.db.embedded-port=" + dbPort,
            "--flowdesk.mail.local-smtp-port=" + smtpPort,
            "--flowdesk.mail.local-imap-port=0",
            "--flowdesk.mailboxes.poll-cron=" + cron,
            // One caller sends them all; the per-sender limit guards against loops, not load.
            "--flowdesk.mailboxes.mails-per-sender-per-hour=" + (total + 1),
            "--flowdesk.mailboxes.max-mails-per-poll=" + Math.max(50, perSecond * 3))) {
      final String url = "jdbc:postgresql://localhost:" + dbPort + "/flowdesk?user=postgres";
      final Map<String, Long> delivered = new ConcurrentHashMap<>();
      final Map<String, Long> committed = new ConcurrentHashMap<>();
      final Map<String, Long> started = new ConcurrentHashMap<>();
      final Thread watcher =
          new Thread(() -> watch(url, delivered, committed, started), "inbound-watch");
      watcher.start();
      final long sendingStarted = System.nanoTime();
      send(smtpPort, perSecond, total, delivered);
      final double sendSeconds = (System.nanoTime() - sendingStarted) / 1e9;
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (started.size() < total && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      watcher.interrupt();
      watcher.join();
      print(perSecond, seconds, sendSeconds, delivered, committed, "record committed");
      // The process starts apart from the poll (the row stays pending until it has started).
      print(perSecond, seconds, sendSeconds, delivered, started, "process started");
      System.out.printf("load average at the end: %s%n", PortalBenchmark.loadAverage());
    }
  }

  /** Delivers {@code total} new mails at {@code perSecond} over one SMTP connection. */
  private static void send(
      final int smtpPort, final int perSecond, final int total, final Map<String, Long> delivered)
      throws Exception {
    final Properties smtp = new Properties();
    smtp.put("mail.smtp.host", "127.0.0.1");
    smtp.put("mail.smtp.port", String.valueOf(smtpPort));
    final Session session = Session.getInstance(smtp);
    final String run = Long.toString(System.currentTimeMillis(), 36);
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      final long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
      long next = System.nanoTime();
      for (int i = 0; i < total; i++) {
        next += interval;
        final long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        final String messageId = "<bench-" + run + "-" + i + "@example.com>";
        final MimeMessage mail = new BenchMail(session, messageId);
        mail.setFrom(new InternetAddress(CALLER));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(DESK));
        mail.setSubject("Printer " + i + " on floor " + (i % 7) + " jams");
        mail.setText("The printer shows error E-" + i + " since this morning.\n", "UTF-8");
        mail.saveChanges();
        transport.sendMessage(mail, mail.getAllRecipients());
        // Accepted by the SMTP server = in the mailbox (GreenMail delivers before answering).
        delivered.put(messageId, System.nanoTime());
      }
    }
  }

  /**
   * Notes when each delivered mail's row shows in domain.inbound_mail, and when it is no longer
   * pending (its incident's process has started).
   */
  private static void watch(
      final String url,
      final Map<String, Long> delivered,
      final Map<String, Long> committed,
      final Map<String, Long> started) {
    try (Connection db = DriverManager.getConnection(url);
        PreparedStatement seen =
            db.prepareStatement(
                "SELECT message_id, outcome, pending FROM domain.inbound_mail"
                    + " WHERE message_id = ANY (?)")) {
      final Map<String, Integer> outcomes = new HashMap<>();
      while (!Thread.currentThread().isInterrupted()) {
        final String[] waiting =
            delivered.keySet().stream()
                .filter(id -> !started.containsKey(id))
                .toArray(String[]::new);
        if (waiting.length > 0) {
          final Array ids = db.createArrayOf("text", waiting);
          seen.setArray(1, ids);
          try (ResultSet rows = seen.executeQuery()) {
            final long now = System.nanoTime();
            while (rows.next()) {
              if (committed.putIfAbsent(rows.getString(1), now) == null) {
                outcomes.merge(rows.getString(2), 1, Integer::sum);
              }
              if (!rows.getBoolean(3)) {
                started.putIfAbsent(rows.getString(1), now);
              }
            }
          }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      System.out.printf("outcomes: %s%n", outcomes);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("reading domain.inbound_mail failed", e);
    }
  }

  private static void print(
      final int perSecond,
      final int seconds,
      final double sendSeconds,
      final Map<String, Long> delivered,
      final Map<String, Long> committed,
      final String what) {
    final long[] millis =
        committed.entrySet().stream()
            .mapToLong(e -> (e.getValue() - delivered.get(e.getKey())) / 1_000_000)
            .sorted()
            .toArray();
    System.out.printf(
        Locale.ROOT,
        "%d mails/s for %d s: %d delivered in %.1f s, %d %s%n",
        perSecond,
        seconds,
        delivered.size(),
        sendSeconds,
        committed.size(),
        what);
    System.out.println("| delivered -> " + what + " | ms |");
    System.out.println("|---|---|");
    for (final double p : new double[] {0.50, 0.95, 0.99, 1.0}) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d |%n",
          p == 1.0 ? "max" : "p" + Math.round(p * 100),
          millis.length == 0
              ? -1
              : millis[Math.min(millis.length - 1, (int) Math.ceil(p * millis.length) - 1)]);
    }
    if (millis.length < delivered.size()) {
      System.out.printf(
          "NOT %s within 120 s after the last delivery: %d%n",
          what, delivered.size() - millis.length);
    }
  }

  /** A mail that keeps the Message-ID it was given (saveChanges would make a new one). */
  private static final class BenchMail extends MimeMessage {
    private final String messageId;

    BenchMail(final Session session, final String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws jakarta.mail.MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
