package io.flowdesk.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.webhook.WebhookSubscriptions;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

class WebhooksPageTest extends WebTestSupport {

  @Autowired WebhookSubscriptions subscriptions;

  private Document refused(final String url, final String... eventTypes) throws Exception {
    final var request =
        post("/admin/webhooks").with(user("admin").roles("ADMIN")).with(csrf()).param("url", url);
    for (final String type : eventTypes) {
      request.param("eventTypes", type);
    }
    final MvcResult result = mvc.perform(request).andExpect(status().isBadRequest()).andReturn();
    return Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void onlyAdminsSeeOrChangeWebhooks() throws Exception {
    final int before = subscriptions.list().size();

    mvc.perform(get("/admin/webhooks").with(user("agent.alex").roles("AGENT")))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/webhooks")
                .with(user("agent.alex").roles("AGENT"))
                .with(csrf())
                .param("url", "https://hooks.example.com/x")
                .param("eventTypes", "incident.created"))
        .andExpect(status().isForbidden());

    assertThat(subscriptions.list()).hasSize(before);
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndSavesNothing() throws Exception {
    final int before = subscriptions.list().size();

    mvc.perform(
            post("/admin/webhooks")
                .with(user("admin").roles("ADMIN"))
                .param("url", "http://127.0.0.1:9/x")
                .param("eventTypes", "incident.created"))
        .andExpect(status().isForbidden());

    assertThat(subscriptions.list()).hasSize(before);
  }

  @Test
  void badInputIsNamedNextToItsFieldAndNothingIsSaved() throws Exception {
    final int before = subscriptions.list().size();

    final Document page = refused("not a url");

    assertThat(page.getElementById("webhook-url-error").text())
        .isEqualTo("'not a url' is not a URL: enter one like https://hooks.example.com/flowdesk");
    assertThat(page.getElementById("webhook-event-types-error").text())
        .isEqualTo("Choose at least one event type.");
    assertThat(page.getElementById("webhook-url").val()).isEqualTo("not a url");
    assertThat(
            refused("ftp://files.example.com/in", "incident.created")
                .getElementById("webhook-url-error")
                .text())
        .isEqualTo("URL 'ftp://files.example.com/in' must use https or http");
    assertThat(subscriptions.list()).hasSize(before);
  }

  @Test
  void privateAndMetadataAddressesAreRefusedUnlessTheConfigurationAllowsThem() throws Exception {
    final int before = subscriptions.list().size();

    assertThat(
            refused("http://10.1.2.3/hook", "incident.created")
                .getElementById("webhook-url-error")
                .text())
        .startsWith("URL 'http://10.1.2.3/hook' is refused:")
        .endsWith(
            "refused by the private rule (10.0.0.0/8); an operator may allow that range in"
                + " flowdesk.webhooks.allowed-address-ranges");
    assertThat(
            refused("http://169.254.169.254/latest", "incident.created")
                .getElementById("webhook-url-error")
                .text())
        .contains("metadata");
    assertThat(
            refused("http://127.0.0.2:8080/hook", "incident.created")
                .getElementById("webhook-url-error")
                .text())
        .as("only 127.0.0.1/32 is allowed in the tests' configuration")
        .contains("loopback");
    assertThat(subscriptions.list()).hasSize(before);
  }

  @Test
  void theSigningSecretIsShownOnceAfterSubscribing() throws Exception {
    final MvcResult result =
        mvc.perform(
                post("/admin/webhooks")
                    .with(user("admin").roles("ADMIN"))
                    .with(csrf())
                    .param("url", "http://127.0.0.1:9/once")
                    .param("eventTypes", "incident.created")
                    .param("eventTypes", "request.approved"))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    final String location = result.getResponse().getRedirectedUrl();
    final long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    try {
      final String secret = (String) result.getFlashMap().get("secret");
      final Document shown =
          Jsoup.parse(
              mvc.perform(
                      get(location)
                          .with(user("admin").roles("ADMIN"))
                          .flashAttrs(result.getFlashMap()))
                  .andReturn()
                  .getResponse()
                  .getContentAsString(StandardCharsets.UTF_8));
      assertThat(shown.getElementById("webhook-secret").text())
          .isEqualTo(secret)
          .startsWith("whsec_");
      assertThat(shown.getElementById("webhook-event-types").text())
          .isEqualTo("incident.created, request.approved");

      final String later =
          mvc.perform(get(location).with(user("admin").roles("ADMIN")))
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      assertThat(later).doesNotContain(secret);
      final String list =
          mvc.perform(get("/admin/webhooks").with(user("admin").roles("ADMIN")))
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      assertThat(list).contains("http://127.0.0.1:9/once").doesNotContain(secret);
    } finally {
      subscriptions.setActive(id, false);
    }
  }
}
