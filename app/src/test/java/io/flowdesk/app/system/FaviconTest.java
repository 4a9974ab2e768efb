package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import org.junit.jupiter.api.Test;

class FaviconTest extends WebTestSupport {

  @Test
  void everyPageNamesTheIconWhichIsServedBeforeSigningIn() throws Exception {
    mvc.perform(get("/favicon.svg"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("image/svg+xml"));

    assertThat(
            html(get("/inbox").session(signIn("agent.anna"))).select("link[rel=icon]").attr("href"))
        .isEqualTo("/favicon.svg");
  }
}
