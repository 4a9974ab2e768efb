package io.flowdesk.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StatusCallbackVerifierTest {

  private static final String TOKEN = "12345678901234567890123456789012";
  private static final String URL = "https://flowdesk.example/sms/status?desk=it";

  private final StatusCallbackVerifier verifier = new StatusCallbackVerifier(TOKEN.toCharArray());

  private static Map<String, String> callback() {
    final Map<String, String> params = new HashMap<>();
    params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    params.put("MessageStatus", "undelivered");
    params.put("To", "+41791234567");
    params.put("ErrorCode", "30003");
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    return params;
  }

  /** Twilio's documented scheme: Base64(HMAC-SHA1(token, url + each key+value by key order)). */
  private static String sign(final String token, final String url, final Map<String, String> params)
      throws Exception {
    final StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((key, value) -> data.append(key).append(value));
    final Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signedCallbackYieldsTheStatusUpdate() throws Exception {
    final Map<String, String> params = callback();

    assertThat(verifier.verify(URL, params, sign(TOKEN, URL, params)))
        .contains(
            new SmsStatusUpdate(
                "SM0123456789abcdef0123456789abcdef", "undelivered", "+41791234567", 30003));
  }

  @Test
  void tamperedParametersAreRejected() throws Exception {
    final Map<String, String> params = callback();
    final String signature = sign(TOKEN, URL, params);
    params.put("MessageStatus", "delivered");

    assertThat(verifier.verify(URL, params, signature)).isEmpty();
  }

  @Test
  void signatureUnderAnotherTokenOrUrlIsRejected() throws Exception {
    final Map<String, String> params = callback();

    assertThat(verifier.verify(URL, params, sign("another-token", URL, params))).isEmpty();
    assertThat(verifier.verify(URL, params, sign(TOKEN, URL + "&x=1", params))).isEmpty();
  }

  @Test
  void missingSignatureIsRejected() {
    assertThat(verifier.verify(URL, callback(), null)).isEmpty();
    assertThat(verifier.verify(URL, callback(), "")).isEmpty();
  }

  @Test
  void finalStatusesAreRecognised() {
    assertThat(new SmsStatusUpdate("SM1", "delivered", null, null).isFinal()).isTrue();
    assertThat(new SmsStatusUpdate("SM1", "sent", null, null).isFinal()).isFalse();
  }
}
