package io.flowdesk.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.domain.secret.MissingSecretException;
import io.flowdesk.domain.secret.SecretStore;
import java.nio.charset.StandardCharsets;
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
  private final String name = "smtp.password-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).build();
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
    final Document page = postAndFollow("/admin/secrets", "name", name, "value", "s3cr3t-Value-42");

    assertThat(page.getElementById("notice").text()).isEqualTo("Secret '" + name + "' added.");
    assertThat(page.select("#secrets .fd-secret-name").eachText()).contains(name);
    assertThat(page.html()).doesNotContain("s3cr3t-Value-42");
    assertThat(page.getElementById("secret-value").val()).isEmpty();
    assertThat(secrets.resolve(name)).containsExactly("s3cr3t-Value-42".toCharArray());
  }

  @Test
  void savingUnderAnExistingNameReplacesTheValue() throws Exception {
    secrets.put(name, "old-value".toCharArray());

    final Document page = postAndFollow("/admin/secrets", "name", name, "value", "new-value");

    assertThat(page.getElementById("notice").text()).isEqualTo("Secret '" + name + "' replaced.");
    assertThat(secrets.resolve(name)).containsExactly("new-value".toCharArray());
    assertThat(page.html()).doesNotContain("new-value").doesNotContain("old-value");
  }

  @Test
  void deletingASecretRemovesItFromStoreAndList() throws Exception {
    secrets.put(name, "to-be-deleted".toCharArray());

    final Document page = postAndFollow("/admin/secrets/delete", "name", name);

    assertThat(page.getElementById("notice").text()).isEqualTo("Secret '" + name + "' deleted.");
    assertThat(page.select("#secrets .fd-secret-name").eachText()).doesNotContain(name);
    assertThatThrownBy(() -> secrets.resolve(name)).isInstanceOf(MissingSecretException.class);
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
    secrets.put(name, "listed".toCharArray());

    final Document page =
        Jsoup.parse(
            html(get("/admin/secrets").requestAttr("_csrf", new CsrfToken("_csrf", "t0k3n"))));

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
