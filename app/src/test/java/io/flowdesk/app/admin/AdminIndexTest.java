package io.flowdesk.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class AdminIndexTest extends WebTestSupport {

  @Test
  void theAdminPageLinksTheAdminAreaForAdminsOnly() throws Exception {
    final Document page = html(get("/admin").session(signIn("admin")));

    assertThat(page.select("#admin-pages a").eachAttr("href"))
        .contains(
            "/admin/secrets", "/admin/deliveries", "/admin/webhooks", "/admin/catalog", "/forms");
    assertThat(page.select("nav a").eachText()).contains("Admin");
    mvc.perform(get("/admin").session(signIn("agent.anna"))).andExpect(status().isForbidden());
  }
}
