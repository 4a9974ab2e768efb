package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.app.FlowdeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(
    classes = FlowdeskApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LandingPageTest {

  @Autowired TestRestTemplate http;

  @Test
  void landingPageSaysWhatIsRunning() {
    final ResponseEntity<String> page = http.getForEntity("/", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody())
        .contains("<dd id=\"version\">")
        .contains("PostgreSQL at jdbc:postgresql://localhost:")
        .contains("embedded Flowdesk engine (gRPC http://127.0.0.1:")
        .containsPattern("first started \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z, started \\d+ times?");
  }

  @Test
  void healthIsUpOnRealPostgres() {
    final ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"status\":\"UP\"");
  }

  @Test
  void requestIdFromAProxyIsEchoed() {
    final HttpHeaders headers = new HttpHeaders();
    headers.set("X-Request-Id", "proxy-42");

    final ResponseEntity<String> page =
        http.exchange("/", HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(page.getHeaders().getFirst("X-Request-Id")).isEqualTo("proxy-42");
  }

  @Test
  void unsafeRequestIdIsReplacedNotLogged() {
    final HttpHeaders headers = new HttpHeaders();
    headers.set("X-Request-Id", "evil\u0000id with spaces");

    final ResponseEntity<String> page =
        http.exchange("/", HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(page.getHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
  }
}
