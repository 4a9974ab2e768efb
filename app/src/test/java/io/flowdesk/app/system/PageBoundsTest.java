package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * Page numbers far beyond the last page: an empty page or a 400 naming the parameter, never 500.
 */
class PageBoundsTest extends WebTestSupport {

  private static final String[] HUGE = {"99999999", "2147483647", "-5"};

  @Test
  void theInboxAndMyRequestsShowAnEmptyPageBeyondTheLast() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final MockHttpSession alice = signIn("alice");
    for (final String page : HUGE) {
      mvc.perform(get("/inbox").param("page", page).session(anna)).andExpect(status().isOk());
      mvc.perform(get("/inbox").param("view", "all").param("page", page).session(anna))
          .andExpect(status().isOk());
      final Document requests = html(get("/portal/requests").param("page", page).session(alice));
      assertThat(requests.select("h1").text()).isEqualTo("My requests");
      mvc.perform(get("/portal/requests").param("page", page).session(alice))
          .andExpect(status().isOk());
    }
    mvc.perform(get("/inbox").param("page", "lots").session(anna))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/portal/requests").param("page", "99999999999").session(alice))
        .andExpect(status().isBadRequest());
  }

  @Test
  void theApiAndTheDeliveriesAnswer400NamingThePage() throws Exception {
    for (final String page : HUGE) {
      mvc.perform(
              get("/api/incidents")
                  .param("page", page)
                  .param("size", "200")
                  .with(httpBasic("bob", DEMO_PASSWORD)))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.detail").value(containsString("page")))
          .andExpect(jsonPath("$.errors.page").value(page));
      mvc.perform(get("/admin/deliveries").param("page", page).session(signIn("admin")))
          .andExpect(status().isBadRequest())
          .andExpect(content().string(containsString("is not a page number")));
    }
    mvc.perform(
            get("/api/incidents")
                .param("page", String.valueOf(PageNumbers.MAX))
                .with(httpBasic("bob", DEMO_PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty());
  }
}
