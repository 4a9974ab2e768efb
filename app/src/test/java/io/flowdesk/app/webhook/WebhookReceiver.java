package io.flowdesk.app.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A WireMock receiver on 127.0.0.1 and what a receiver does with a post: verify and read it. */
final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
  final String path = "/hooks/" + UUID.randomUUID();

  WebhookReceiver() {
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port() + path;
  }

  List<LoggedRequest> received() {
    return server.findAll(postRequestedFor(urlEqualTo(path)));
  }

  static JsonNode body(final LoggedRequest request) throws Exception {
    return JSON.readTree(request.getBodyAsString());
  }

  /** As documented for receivers: HMAC-SHA256 of "t.body" with the secret, compared as hex. */
  static boolean signatureVerifies(final LoggedRequest request, final String secret)
      throws Exception {
    final String header = request.getHeader("X-Flowdesk-Signature");
    String t = null;
    String v1 = null;
    for (final String part : header.split(",")) {
      final String[] pair = part.split("=", 2);
      if (pair[0].equals("t")) {
        t = pair[1];
      } else if (pair[0].equals("v1")) {
        v1 = pair[1];
      }
    }
    final Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    final String expected =
        HexFormat.of()
            .formatHex(
                mac.doFinal(
                    (t + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
    return expected.equals(v1);
  }

  @Override
  public void close() {
    server.stop();
  }
}
