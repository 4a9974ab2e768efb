package io.flowdesk.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.request.RequestItems;
import io.flowdesk.app.request.RequestOrdering;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.request.Request;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** A request's fulfilment task carries the request's context into the inbox and the task page. */
class FulfilmentTaskContextTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired ServiceCatalog catalog;
  @Autowired RequestOrdering ordering;

  @Test
  void theInboxRowAndTheTaskPageShowTheRequestsItemPeopleAnswersAndDueDate() throws Exception {
    final String id = RequestItems.deploy(client, catalog, Map.of());
    final Request request =
        // Ordered on bob's behalf, as alice could while she worked the service desk.
        ordering.order(
            catalog.item(id).orElseThrow(),
            new Viewer("alice", "Alice Andersen", Set.of(Role.AGENT), Set.of()),
            "bob",
            Map.of("model", "14 inch, light", "reason", "Mine is six years old"));
    final long taskKey = fulfilmentTask(request).getUserTaskKey();
    final MockHttpSession admin = signIn("admin");

    final Document inbox = html(get("/inbox?view=all&sort=created").session(admin));

    final Element row = inbox.selectFirst("tr[data-task-key=" + taskKey + "]");
    assertThat(row).isNotNull();
    final Element context = row.selectFirst(".fd-request-context");
    assertThat(context).isNotNull();
    assertThat(context.selectFirst("a").attr("href")).isEqualTo("/requests/" + request.number());
    assertThat(context.text())
        .contains(request.number(), "New laptop", "by alice for bob", "due")
        .contains("Model", "14 inch, light", "Reason", "Mine is six years old");
    assertThat(context.selectFirst("time").attr("datetime"))
        .startsWith(request.dueAt().toString().substring(0, 10));

    final Document task = html(get("/inbox/tasks/" + taskKey).session(admin));
    final Element onTask = task.getElementById("request-context");
    assertThat(onTask).isNotNull();
    assertThat(onTask.selectFirst("a").attr("href")).isEqualTo("/requests/" + request.number());
    assertThat(onTask.text()).contains("alice", "bob", "14 inch, light", "Mine is six years old");
  }

  private UserTask fulfilmentTask(final Request request) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(request.processInstanceKey()))
                    .send()
                    .join()
                    .items(),
            tasks -> !tasks.isEmpty())
        .get(0);
  }
}
