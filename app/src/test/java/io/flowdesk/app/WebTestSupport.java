package io.flowdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The app's pages through Spring Security's real filter chain (MockMvc), signed in as the demo
 * people with their real passwords, with the app listening on a real port for its own camunda
 * client. All subclasses share one Spring context; the incident process is a stand-in ({@value
 * #TEST_PROCESS}) that waits for the caller's answer, so these tests do not depend on the real
 * process's workers. The app's {@link java.time.Clock} is a {@link TestClock}. The engine has a
 * configured Basic user ({@value #ENGINE_USER}) for tests that deploy as Camunda Modeler does.
 */
@SpringBootTest(
    classes = {
      FlowdeskApplication.class,
      TestClock.InContext.class,
      EngineRequests.InContext.class
    },
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(
    properties = {
      "flowdesk.incident.process-id=" + WebTestSupport.TEST_PROCESS,
      "flowdesk.engine.credentials.username=" + WebTestSupport.ENGINE_USER,
      "flowdesk.engine.credentials.password=" + WebTestSupport.ENGINE_PASSWORD,
      // Spring Boot turns metrics export off in tests; /actuator/prometheus is tested as served.
      "management.prometheus.metrics.export.enabled=true"
    })
public abstract class WebTestSupport {

  /** The process the portal starts in these tests. */
  public static final String TEST_PROCESS = "portal-test-incident";

  /** The engine's configured Basic user, as an analyst's Camunda Modeler signs in with. */
  public static final String ENGINE_USER = "modeler";

  public static final String ENGINE_PASSWORD = "modeler-test-password";

  /** Every demo person's password (see app/README.md). */
  public static final String DEMO_PASSWORD = "demo-flowdesk-2025";

  // Failed sign-ins count against the client address: each test that fails on purpose takes its
  // own, so that it cannot throttle the others.
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private static volatile int port;

  /**
   * A real web port known before start: the app's camunda client reaches the engine's /v2 there
   * (user task search and completion exist only in REST), as in production. Each context gets its
   * own, so that a differently configured one (single sign-on) can live beside the shared one.
   */
  @DynamicPropertySource
  static void webPort(final DynamicPropertyRegistry registry) {
    final int chosen = freePort();
    port = chosen;
    registry.add("server.port", () -> chosen);
  }

  /**
   * The web port of the context started last; known while it starts, for a provider that redirects
   * to it.
   */
  protected static int port() {
    return port;
  }

  /**
   * The web port of this test's own context. {@link #port()} names the context started last, which
   * may be another one (a test with its own settings) and closed by now.
   */
  protected int webPort() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /**
   * A new browser context signed in as {@code username} through the real sign-in form, asking for
   * no page in particular, on the page the sign-in led to.
   */
  protected Page signInThroughTheForm(final Browser browser, final String username) {
    final Page page =
        browser
            .newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + webPort()))
            .newPage();
    // A page rendered while other tests' builds share the machine can take a while.
    page.setDefaultTimeout(30_000);
    page.navigate("/login");
    page.fill("#username", username);
    page.fill("#password", DEMO_PASSWORD);
    page.click("button:has-text('Sign in')");
    page.waitForURL(url -> !url.contains("/login"));
    return page;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired protected WebApplicationContext context;

  protected MockMvc mvc;

  @BeforeEach
  void mockMvcWithSecurity() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  /**
   * Deploys the stand-in for {@link #TEST_PROCESS} that, like the real incident process at its end,
   * waits for the caller's answer, keyed by the incident number.
   */
  protected static void deployCallerWaitingStandIn(final CamundaClient client) {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(TEST_PROCESS)
                .startEvent()
                .intermediateCatchEvent("callerResponse")
                .message(
                    m -> m.name("incident-caller-response").zeebeCorrelationKey("=incidentNumber"))
                .endEvent()
                .done(),
            TEST_PROCESS + ".bpmn")
        .send()
        .join();
  }

  /** A client address no other test uses. */
  protected static RequestPostProcessor freshAddress() {
    final int n = ADDRESSES.incrementAndGet();
    final String address = "10.77." + (n / 250) + "." + (n % 250 + 1);
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  /** Signs in through the login form and answers the session. */
  protected MockHttpSession signIn(final String username) throws Exception {
    final MvcResult result =
        mvc.perform(
                post("/login")
                    .param("username", username)
                    .param("password", DEMO_PASSWORD)
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("/login");
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  protected Document html(final RequestBuilder request) throws Exception {
    return Jsoup.parse(
        mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }
}
