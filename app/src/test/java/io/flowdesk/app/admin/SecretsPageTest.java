package io.flowdesk.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.domain.secret.MissingSecretException;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretRefusedException;
import io.flowdesk.domain.secret.SecretStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

// Same context configuration as the other app tests, so the cached context is reused.
@SpringBootTest(classes = FlowdeskApplication.class)
class SecretsPageTest {

  @Autowired WebApplicationContext context;
  @Autowired SecretStore secrets;

  private MockMvc mvc;
  private final MockHttpSession session = new MockHttpSession();
  private static final SecretBinding API =
      SecretBinding.of(List.of("http"), List.of("https://api.example.com"));
  private static final URI API_URL = URI.create("https://api.example.com/v1/things");

  private final String name = "smtp.password-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void mockMvc() {
    // As an admin through the real filter chain: each change is recorded under their name.
    mvc =
        MockMvcBuilders.webAppContextSetup(context)
            .apply(springSecurity())
            .defaultRequest(get("/").with(user("admin").roles("ADMIN")).with(csrf()))
            .build();
  }

  private String html(final RequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  /** Follows a post's redirect in the same session, so the flash message comes along. */
  private Document postAndFollow(final String path, final String... params) throws Exception {
    final var request = post(path).session(session);
    for (int i = 0; i < params.length; i += 2) {
      request.param(params[i], params[i + 1]);
    }
    final MvcResult result =
        mvc.perform(request).andExpect(redirectedUrl("/admin/secrets")).andReturn();
    return Jsoup.parse(
        html(get("/admin/secrets").session(session).flashAttrs(result.getFlashMap())));
  }

  @Test
  void aSavedSecretIsListedByNameAndItsValueNeverComesBack() throws Exception {
    final Document page =
        postAndFollow(
            "/admin/secrets",
            "name",
            name,
            "value",
            "s3cr3t-Value-42",
            "connectors",
            "http",
            "destinations",
            "https://api.example.com");

    assertThat(page.getElementById("notice").text())
        .isEqualTo("Secret '" + name + "' added, bound to http to https://api.example.com.");
    assertThat(page.select("#secrets .fd-secret-name").eachText()).contains(name);
    assertThat(page.html()).doesNotContain("s3cr3t-Value-42");
    assertThat(page.getElementById("secret-value").val()).isEmpty();
    assertThat(secrets.resolve(name, "http", API_URL))
        .containsExactly("s3cr3t-Value-42".toCharArray());
  }

  @Test
  void savingUnderAnExistingNameReplacesTheValue() throws Exception {
    secrets.put(name, "old-value".toCharArray(), API);

    final Document page =
        postAndFollow(
            "/admin/secrets",
            "name",
            name,
            "value",
            "new-value",
            "connectors",
            "http",
            "destinations",
            "https://api.example.com");

    assertThat(page.getElementById("notice").text())
        .isEqualTo("Secret '" + name + "' replaced, bound to http to https://api.example.com.");
    assertThat(secrets.resolve(name, "http", API_URL)).containsExactly("new-value".toCharArray());
    assertThat(page.html()).doesNotContain("new-value").doesNotContain("old-value");
  }

  @Test
  void theListShowsWhereEachSecretMayBeUsed() throws Exception {
    final Document page =
        postAndFollow(
            "/admin/secrets",
            "name",
            name,
            "value",
            "crm-token",
            "connectors",
            "http",
            "connectors",
            "chat",
            "destinations",
            "https://API.example.com:443/\r\n\r\nhttps://*.crm.example.org:8443");

    final var row = row(page, name);
    assertThat(row.select(".fd-secret-connectors").text()).isEqualTo("chat, http");
    assertThat(row.select(".fd-secret-destinations li").eachText())
        .containsExactly("https://api.example.com", "https://*.crm.example.org:8443");
    assertThat(secrets.resolve(name, "chat", URI.create("https://eu.crm.example.org:8443/hook")))
        .containsExactly("crm-token".toCharArray());
    assertThatThrownBy(
            () -> secrets.resolve(name, "http", URI.create("https://api.example.com.evil.net/")))
        .isInstanceOf(SecretRefusedException.class);
  }

  @Test
  void aSecretWithoutBindingIsListedAsUsableNowhere() throws Exception {
    secrets.put(name, "legacy".toCharArray(), SecretBinding.NONE);

    final var row = row(Jsoup.parse(html(get("/admin/secrets"))), name);

    assertThat(row.select(".fd-secret-connectors").text()).isEqualTo("none (usable nowhere)");
    assertThat(row.select(".fd-secret-destinations").text()).isEqualTo("none");
  }

  @Test
  void savingWithoutAValueChangesOnlyWhereAStoredSecretMayBeUsed() throws Exception {
    secrets.put(name, "kept-value".toCharArray(), SecretBinding.NONE);

    final Document page =
        postAndFollow(
            "/admin/secrets",
            "name",
            name,
            "value",
            "",
            "connectors",
            "email",
            "destinations",
            "smtp://mail.example.com:587");

    assertThat(page.getElementById("notice").text())
        .isEqualTo("Secret '" + name + "' now bound to email to smtp://mail.example.com:587.");
    assertThat(secrets.resolve(name, "email", URI.create("smtp://mail.example.com:587")))
        .containsExactly("kept-value".toCharArray());
  }

  @Test
  void aMalformedDestinationIsRefusedNamingItAndNothingIsSaved() throws Exception {
    final String response =
        mvc.perform(
                post("/admin/secrets")
                    .param("name", name)
                    .param("value", "typed-token")
                    .param("connectors", "http")
                    .param("destinations", "https://api.example.com\nhttps://api.example.com/v1"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    final Document page = Jsoup.parse(response);
    assertThat(page.getElementById("error").text())
        .isEqualTo(
            "destination 'https://api.example.com/v1' is not valid: only scheme://host[:port]"
                + " is allowed, without path, query or user");
    assertThat(page.getElementById("secret-name").val()).isEqualTo(name);
    assertThat(page.getElementById("secret-destinations").val())
        .isEqualTo("https://api.example.com\nhttps://api.example.com/v1");
    assertThat(page.select("#secret-connectors input[checked]").eachAttr("value"))
        .containsExactly("http");
    assertThat(response).doesNotContain("typed-token");
    assertThat(secrets.names()).doesNotContain(name);
  }

  @Test
  void aBadBindingLeavesAStoredSecretAsItWas() throws Exception {
    secrets.put(name, "old-value".toCharArray(), API);

    mvc.perform(
            post("/admin/secrets")
                .param("name", name)
                .param("value", "new-value")
                .param("connectors", "http"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .string(
                    containsString("a secret used by a connector needs at least one destination")));

    assertThat(secrets.resolve(name, "http", API_URL)).containsExactly("old-value".toCharArray());
  }

  private static org.jsoup.nodes.Element row(final Document page, final String name) {
    return page.select("#secrets tbody tr").stream()
        .filter(tr -> tr.select(".fd-secret-name").text().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void deletingASecretRemovesItFromStoreAndList() throws Exception {
    secrets.put(name, "to-be-deleted".toCharArray(), API);

    final Document page = postAndFollow("/admin/secrets/delete", "name", name);

    assertThat(page.getElementById("notice").text()).isEqualTo("Secret '" + name + "' deleted.");
    assertThat(page.select("#secrets .fd-secret-name").eachText()).doesNotContain(name);
    assertThatThrownBy(() -> secrets.resolve(name, "http", API_URL))
        .isInstanceOf(MissingSecretException.class);
  }

  @Test
  void deletingAnUnknownSecretSaysSo() throws Exception {
    final Document page = postAndFollow("/admin/secrets/delete", "name", name);

    assertThat(page.getElementById("error").text())
        .isEqualTo("There is no secret named '" + name + "'.");
  }

  @Test
  void aBadNameIsRefusedNamingTheProblemKeepingTheNameButNotTheValue() throws Exception {
    final String response =
        mvc.perform(post("/admin/secrets").param("name", "has spaces").param("value", "typed-pw"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    final Document page = Jsoup.parse(response);
    assertThat(page.getElementById("error").text()).contains("'has spaces' is not a secret name");
    assertThat(page.getElementById("secret-name").val()).isEqualTo("has spaces");
    assertThat(response).doesNotContain("typed-pw");
    assertThat(secrets.names()).doesNotContain("has spaces");
  }

  @Test
  void anEmptyValueIsRefused() throws Exception {
    final Document page =
        Jsoup.parse(
            mvc.perform(post("/admin/secrets").param("name", name).param("value", ""))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));

    assertThat(page.getElementById("error").text()).contains("has an empty value");
    assertThat(secrets.names()).doesNotContain(name);
  }

  @Test
  void everyFormPostsWithTheCsrfTokenOfTheRequest() throws Exception {
    secrets.put(name, "listed".toCharArray(), API);

    // Without the filter chain, which would put its own token in place of this one.
    final Document page =
        Jsoup.parse(
            MockMvcBuilders.webAppContextSetup(context)
                .build()
                .perform(
                    get("/admin/secrets").requestAttr("_csrf", new CsrfToken("_csrf", "t0k3n")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));

    assertThat(page.select("form")).hasSizeGreaterThanOrEqualTo(2);
    page.select("form")
        .forEach(
            form -> {
              assertThat(form.attr("method")).isEqualTo("post");
              assertThat(form.select("input[type=hidden][name=_csrf]").eachAttr("value"))
                  .containsExactly("t0k3n");
            });
  }

  /** Shaped like Spring Security's CsrfToken, which the templates read by property. */
  public record CsrfToken(String parameterName, String token) {
    public String getParameterName() {
      return parameterName;
    }

    public String getToken() {
      return token;
    }
  }
}
