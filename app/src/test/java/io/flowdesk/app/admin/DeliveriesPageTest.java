package io.flowdesk.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

// Same context configuration as the other app tests, so the cached context is reused.
@SpringBootTest(classes = FlowdeskApplication.class)
class DeliveriesPageTest {

  @Autowired WebApplicationContext context;
  @Autowired DeliveryLog deliveries;

  private MockMvc mvc;
  // A channel of this test's own: the shared test database holds other tests' deliveries.
  private final String channel = "t-" + UUID.randomUUID().toString().substring(0, 8);
  private final long jobKey = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).build();
  }

  private Document page(final String path, final ResultMatcher expected) throws Exception {
    return Jsoup.parse(
        mvc.perform(get(path))
            .andExpect(expected)
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  private static Element rowOf(final Document page, final String recipient) {
    return page.select("#deliveries tbody tr").stream()
        .filter(r -> r.select("td").eachText().contains(recipient))
        .findFirst()
        .orElse(null);
  }

  @Test
  void aFailedDeliveryShowsItsStatusAttemptsAndLastError() throws Exception {
    final Delivery claimed = deliveries.claim(jobKey, channel, "ops@example.com");
    deliveries.markFailed(claimed.id(), "SMTP server 127.0.0.1:1 unreachable");
    deliveries.claim(jobKey, channel, "ops@example.com");
    deliveries.markFailed(claimed.id(), "<b>still</b> unreachable");

    final Document page = page("/admin/deliveries?channel=" + channel, status().isOk());

    final Element row = rowOf(page, "ops@example.com");
    assertThat(row).isNotNull();
    assertThat(row.select("td").eachText())
        .containsSubsequence(channel, "ops@example.com", "FAILED", "2")
        .contains("<b>still</b> unreachable", Long.toString(jobKey));
    assertThat(row.select("b")).isEmpty();
    assertThat(page.select("#channel option[selected]").eachAttr("value")).containsExactly(channel);
  }

  @Test
  void theStatusFilterShowsOnlyDeliveriesInThatStatus() throws Exception {
    deliveries.markSent(deliveries.claim(jobKey, channel, "sent@example.com").id(), "<m1@x>");
    deliveries.claim(jobKey, channel, "pending@example.com");

    final Document sent = page("/admin/deliveries?status=SENT&channel=" + channel, status().isOk());

    assertThat(rowOf(sent, "sent@example.com")).isNotNull();
    assertThat(rowOf(sent, "sent@example.com").select("td").eachText()).contains("<m1@x>");
    assertThat(rowOf(sent, "pending@example.com")).isNull();
    assertThat(sent.select("#status option[selected]").eachAttr("value")).containsExactly("SENT");
  }

  @Test
  void pagesGoBackInTimeFiftyAtATime() throws Exception {
    for (int i = 0; i < DeliveriesController.PAGE_SIZE + 1; i++) {
      deliveries.claim(jobKey, channel, "r" + i + "@example.com");
    }

    final Document first = page("/admin/deliveries?channel=" + channel, status().isOk());
    assertThat(first.select("#deliveries tbody tr")).hasSize(DeliveriesController.PAGE_SIZE);
    assertThat(rowOf(first, "r50@example.com")).isNotNull();
    final String older = first.selectFirst("a[rel=next]").attr("href");

    final Document second = page(older, status().isOk());
    assertThat(second.select("#deliveries tbody tr")).hasSize(1);
    assertThat(rowOf(second, "r0@example.com")).isNotNull();
    assertThat(second.select("a[rel=next]")).isEmpty();
    assertThat(second.select("a[rel=prev]")).hasSize(1);
  }

  @Test
  void anUnknownStatusIsABadRequestNamingTheStatuses() throws Exception {
    final Document page = page("/admin/deliveries?status=LOST", status().isBadRequest());

    assertThat(page.getElementById("error").text())
        .isEqualTo("'LOST' is not a delivery status; one of [PENDING, SENT, FAILED]");
  }
}
