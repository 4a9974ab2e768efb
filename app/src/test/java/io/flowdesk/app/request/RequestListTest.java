package io.flowdesk.app.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The agents' request list {@code /requests}: search, filters, sort, who may see it, bad input. */
class RequestListTest extends WebTestSupport {

  @Autowired RequestRecords requests;

  private Request submitted(final String requester, final String forWhom, final String title) {
    return requests.submit(
        new NewRequest(requester, forWhom, "list-item", 1, title, Map.of(), null),
        Actor.person(requester));
  }

  @Test
  void agentsSearchByTitleAndPersonAndSortByNumber() throws Exception {
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final Request mine = submitted("alice", "alice", "Dock for " + tag);
    final Request forBob = submitted("alice", "bob", "Screen for " + tag);
    submitted("bob", "bob", "Something else");
    final MockHttpSession anna = signIn("agent.anna");

    final Document byTitle = html(get("/requests").param("q", tag.toUpperCase()).session(anna));
    assertThat(byTitle.select("#requests tbody td:first-child a").eachText())
        .containsExactly(forBob.number(), mine.number());
    assertThat(byTitle.select("#requests tbody a").first().attr("href"))
        .isEqualTo("/requests/" + forBob.number());

    final Document forPerson =
        html(
            get("/requests")
                .param("q", tag)
                .param("person", "bob")
                .param("sort", "number")
                .param("dir", "asc")
                .session(anna));
    assertThat(forPerson.select("#requests tbody td:first-child a").eachText())
        .containsExactly(forBob.number());
    assertThat(
            html(get("/requests").param("q", mine.number()).session(anna))
                .select("#requests tbody tr"))
        .hasSize(1);
  }

  @Test
  void badFiltersAreNamedAtTheirFieldAndEndUsersGetMyRequestsInstead() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final Document bad =
        html(
            get("/requests")
                .param("state", "LOST")
                .param("from", "yesterday")
                .param("sort", "colour")
                .session(anna));
    assertThat(bad.select("#state-error").text()).isEqualTo("no state 'LOST'");
    assertThat(bad.select("#from-error").text()).contains("from must be a date");
    assertThat(bad.select("#sort-error").text()).isEqualTo("cannot sort by 'colour'");
    mvc.perform(get("/requests").param("sort", "colour").session(anna))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/requests").session(signIn("alice"))).andExpect(status().isForbidden());
  }
}
