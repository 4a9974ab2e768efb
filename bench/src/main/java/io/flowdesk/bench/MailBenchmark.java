package io.flowdesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.flowdesk.connectors.mail.MailAttachment;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.connectors.mail.OutgoingMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mails per second that {@link MailSender} gets accepted by an in-process GreenMail SMTP server on
 * loopback: one SMTP connection per mail, as in production, for a short text mail, an HTML mail
 * with a 100 KiB attachment, and text mails from four threads.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.MailBenchmark 10}
 */
public final class MailBenchmark {

  private static final String DESK = "desk@flowdesk.bench";

  private MailBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    final GreenMail greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    greenMail.setUser(DESK, "desk", "bench-password");
    greenMail.start();
    try {
      final MailServer server =
          MailServer.of("127.0.0.1", greenMail.getSmtp().getPort(), MailSecurity.NONE)
              .withCredentials("desk", "bench-password"::toCharArray);
      final MailSender sender =
          new MailSender(new MailSenderSettings(server, DESK, "flowdesk.bench"));
      final OutgoingMail text =
          OutgoingMail.builder()
              .to("alice@example.bench")
              .subject("Your printer is fixed")
              .text("Hello Alice,\nthe printer works again.\n")
              .token("INC0001234")
              .build();
      final OutgoingMail rich =
          OutgoingMail.builder()
              .to("alice@example.bench")
              .subject("Monthly report")
              .text("See the report.")
              .html("<p>See the <b>report</b>.</p>")
              .attachment(new MailAttachment("report.pdf", "application/pdf", new byte[100 * 1024]))
              .token("CHG0000042")
              .build();
      measure(sender, text, 1, Duration.ofSeconds(2), greenMail);
      System.out.printf("| %-38s | %20s |%n", "measure", "value");
      System.out.printf("|%s|%s|%n", "-".repeat(40), "-".repeat(22));
      row(
          "mails/s, text, 1 thread",
          measure(sender, text, 1, Duration.ofSeconds(seconds), greenMail));
      row(
          "mails/s, HTML + 100 KiB file, 1 thread",
          measure(sender, rich, 1, Duration.ofSeconds(seconds), greenMail));
      row(
          "mails/s, text, 4 threads",
          measure(sender, text, 4, Duration.ofSeconds(seconds), greenMail));
    } finally {
      greenMail.stop();
    }
  }

  private static void row(final String measure, final double value) {
    System.out.printf("| %-38s | %20.1f |%n", measure, value);
  }

  /** Sends the same mail from {@code threads} threads for the given time; returns mails/s. */
  private static double measure(
      final MailSender sender,
      final OutgoingMail mail,
      final int threads,
      final Duration duration,
      final GreenMail greenMail)
      throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
    final AtomicLong sent = new AtomicLong();
    final long begin = System.nanoTime();
    final long end = begin + duration.toNanos();
    final ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      final List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    sender.send(mail);
                    sent.incrementAndGet();
                  }
                }));
      }
      for (final Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    final double elapsed = (System.nanoTime() - begin) / 1e9;
    // GreenMail keeps every mail in memory: drop them before the next run.
    greenMail.purgeEmailFromAllMailboxes();
    return sent.get() / elapsed;
  }
}
