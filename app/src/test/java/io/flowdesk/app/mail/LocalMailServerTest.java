package io.flowdesk.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.workers.ConnectorProperties;
import io.flowdesk.workers.mail.EmailWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The local mail server's life: it listens on loopback, refuses a taken port, stops with the app,
 * and answers without Nagle's delay.
 */
class LocalMailServerTest {

  private final ApplicationContextRunner app =
      new ApplicationContextRunner()
          .withUserConfiguration(Collaborators.class, LocalMailConfiguration.class)
          .withPropertyValues("flowdesk.mail.local-smtp-port=0", "flowdesk.mail.local-imap-port=0");

  private static boolean accepts(final int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }

  @Test
  void theServerListensWhileTheAppRunsAndStopsWithIt() throws Exception {
    final int[] ports = new int[2];
    app.run(
        context -> {
          assertThat(context).hasSingleBean(EmailWorker.class);
          final LocalMailServer server = context.getBean(LocalMailServer.class);
          ports[0] = server.smtpPort();
          ports[1] = server.imapPort();
          assertThat(server.host()).isEqualTo("127.0.0.1");
          assertThat(accepts(ports[0])).isTrue();
          assertThat(accepts(ports[1])).isTrue();
        });

    assertThat(accepts(ports[0])).as("SMTP after the app stopped").isFalse();
    assertThat(accepts(ports[1])).as("IMAP after the app stopped").isFalse();
  }

  @Test
  void aTakenPortStopsTheStartNamingPortAndProperty() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> LocalMailServer.start(taken.getLocalPort(), 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SMTP port " + taken.getLocalPort())
          .hasMessageContaining("flowdesk.mail.local-smtp-port");
    }
  }

  @Test
  void theLocalImapServerAnswersWithoutWaitingForTheClientsAcknowledgements() throws Exception {
    try (LocalMailServer server = LocalMailServer.start(0, 0);
        Socket imap = new Socket(InetAddress.getLoopbackAddress(), server.imapPort())) {
      imap.setTcpNoDelay(true);
      imap.setSoTimeout(10_000);
      final BufferedReader in =
          new BufferedReader(
              new InputStreamReader(imap.getInputStream(), StandardCharsets.US_ASCII));
      final Writer out = new OutputStreamWriter(imap.getOutputStream(), StandardCharsets.US_ASCII);
      assertThat(in.readLine()).startsWith("* OK");

      final long start = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        out.write("a" + i + " CAPABILITY\r\n");
        out.flush();
        String line;
        do {
          line = in.readLine();
        } while (!line.startsWith("a" + i + " "));
        assertThat(line).startsWith("a" + i + " OK");
      }
      final Duration took = Duration.ofNanos(System.nanoTime() - start);

      // Each answer is two lines, flushed one by one: with Nagle's algorithm the second waited for
      // the client's delayed acknowledgement of the first, 40 ms a command (2 s for these 50).
      assertThat(took).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aPortOutOfRangeIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new LocalMailProperties("auto", 70_000, 3143))
        .hasMessageContaining("flowdesk.mail.local-smtp-port is 70000");
  }

  /** What the app's context gives the local mail configuration. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({LocalMailProperties.class, ConnectorProperties.class})
  static class Collaborators {
    @Bean
    DeliveryLog deliveryLog() {
      // Never connected here: the log needs its database only once a mail is sent.
      return new DeliveryLog(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/unused"));
    }
  }
}
