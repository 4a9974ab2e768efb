package io.flowdesk.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * My requests as one list over both kinds: a person's incidents and requests (ordered by them or
 * for them) paged together, most recently updated first, and narrowed by kind and state.
 */
class MyRequestsListTest extends WebTestSupport {

  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;
  @Autowired IncidentRecords incidents;
  @Autowired RequestRecords requests;

  String person;
  final List<String> incidentNumbers = new ArrayList<>();
  final List<String> requestNumbers = new ArrayList<>();
  final List<String> closedNumbers = new ArrayList<>();

  /**
   * 13 incidents and 12 requests, one kind after the other, so the newest page mixes both: one
   * request ordered for the person by alice, the person's last incident and request canceled.
   */
  @BeforeEach
  void records() {
    person = "mine." + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        person,
        "Mine",
        person + "@example.com",
        Set.of(Role.END_USER),
        passwords.encode(DEMO_PASSWORD));
    for (int i = 0; i < 13; i++) {
      final Incident incident =
          incidents.report(
              new NewIncident(
                  person, "Issue " + i, "details", "network", null, Level.LOW, Level.LOW),
              ChangeSource.person(person));
      incidentNumbers.add(incident.number());
      if (i < 12) {
        final String requester = i == 5 ? "alice" : person;
        final Request request =
            requests.submit(
                new NewRequest(requester, person, "some-item", 1, "Request " + i, Map.of(), null),
                Actor.person(requester));
        requestNumbers.add(request.number());
      }
    }
    final Incident canceled = incidents.findByNumber(incidentNumbers.get(12)).orElseThrow();
    incidents.change(
        canceled.id(),
        IncidentChange.of().state(IncidentState.CANCELED),
        ChangeSource.person(person));
    closedNumbers.add(canceled.number());
    final Request withdrawn = requests.findByNumber(requestNumbers.get(11)).orElseThrow();
    requests.cancel(withdrawn.id(), "No longer needed", Actor.person(person));
    closedNumbers.add(withdrawn.number());
  }

  @Test
  void bothKindsArePagedTogetherNewestFirst() throws Exception {
    final MockHttpSession session = signIn(person);

    final Document first = html(get("/portal/requests").session(session));
    final Document second = html(get("/portal/requests?page=1").session(session));

    assertThat(numbers(first)).hasSize(20).startsWith(closedNumbers.get(1), closedNumbers.get(0));
    assertThat(first.select("#requests tbody td:nth-child(2)").eachText())
        .contains("Incident", "Request");
    assertThat(first.select(".fd-pager span").text()).isEqualTo("Page 1 of 2");
    final List<String> all = new ArrayList<>(numbers(first));
    all.addAll(numbers(second));
    assertThat(all).hasSize(25).doesNotHaveDuplicates();
    assertThat(all).containsExactlyInAnyOrderElementsOf(everything());
    final List<String> times = new ArrayList<>(updated(first));
    times.addAll(updated(second));
    assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void kindAndStateNarrowTheListAcrossPages() throws Exception {
    final MockHttpSession session = signIn(person);

    assertThat(numbers(html(get("/portal/requests?kind=request").session(session))))
        .containsExactlyInAnyOrderElementsOf(requestNumbers);
    assertThat(numbers(html(get("/portal/requests?kind=incident").session(session))))
        .containsExactlyInAnyOrderElementsOf(incidentNumbers);
    assertThat(numbers(html(get("/portal/requests?state=closed").session(session))))
        .containsExactly(closedNumbers.get(1), closedNumbers.get(0));
    assertThat(numbers(html(get("/portal/requests?kind=incident&state=closed").session(session))))
        .containsExactly(closedNumbers.get(0));
    final Document open = html(get("/portal/requests?state=open&page=1").session(session));
    assertThat(numbers(open)).hasSize(3).doesNotContainAnyElementsOf(closedNumbers);
    assertThat(open.select(".fd-pager span").text()).isEqualTo("Page 2 of 2");
  }

  private List<String> everything() {
    final List<String> all = new ArrayList<>(incidentNumbers);
    all.addAll(requestNumbers);
    return all;
  }

  private static List<String> numbers(final Document page) {
    return page.select("#requests tbody td:first-child").eachText();
  }

  private static List<String> updated(final Document page) {
    return page.select("#requests tbody time").eachAttr("datetime");
  }
}
