package io.flowdesk.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.AccessDeniedException;

class IncidentAccessTest extends WebTestSupport {

  @Autowired IncidentRecords records;
  @Autowired IncidentAccess access;

  private static final Viewer ALICE = new Viewer("alice", "Alice", Set.of(Role.END_USER), Set.of());
  private static final Viewer BOB = new Viewer("bob", "Bob", Set.of(Role.END_USER), Set.of());
  private static final Viewer ANNA =
      new Viewer("agent.anna", "Anna", Set.of(Role.AGENT), Set.of("service-desk"));
  private static final Viewer NILS =
      new Viewer("agent.nils", "Nils", Set.of(Role.AGENT), Set.of("network-team"));
  private static final Viewer MARIA =
      new Viewer("manager.maria", "Maria", Set.of(Role.MANAGER), Set.of());
  private static final Viewer CARL =
      new Viewer("cab.carl", "Carl", Set.of(Role.CAB_MEMBER), Set.of());

  private Incident serviceDeskIncidentOfAlice() {
    final Incident incident =
        records.report(
            new NewIncident("alice", "Access test", null, "other", null, Level.LOW, Level.LOW),
            ChangeSource.person("alice"));
    return records.change(
        incident.id(),
        IncidentChange.of().assignmentGroup("service-desk"),
        ChangeSource.job(incident.id() * 1000));
  }

  @Test
  void theCallerTheGroupsAgentsAndManagersMaySeeAnIncidentOthersMayNot() {
    final Incident incident = serviceDeskIncidentOfAlice();

    assertThat(access.permits(ALICE, incident)).isTrue();
    assertThat(access.permits(ANNA, incident)).isTrue();
    assertThat(access.permits(MARIA, incident)).isTrue();
    assertThat(access.permits(BOB, incident)).isFalse();
    assertThat(access.permits(NILS, incident)).isFalse();
    assertThat(access.permits(CARL, incident)).isFalse();
  }

  @Test
  void anAgentMaySeeAnIncidentAssignedToThemOutsideTheirGroups() {
    final Incident incident =
        records.change(
            serviceDeskIncidentOfAlice().id(),
            IncidentChange.of().assignee("agent.nils"),
            ChangeSource.person("manager.maria"));

    assertThat(access.permits(NILS, incident)).isTrue();
  }

  @Test
  void findAnswersForbiddenForSomeoneElsesIncidentAndNotFoundForNone() {
    final Incident incident = serviceDeskIncidentOfAlice();

    assertThat(access.find(ALICE, incident.number()).id()).isEqualTo(incident.id());
    assertThatThrownBy(() -> access.find(BOB, incident.number()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> access.find(BOB, "INC9999998"))
        .isInstanceOf(IncidentNotFoundException.class);
  }

  @Test
  void listsAreNarrowedToWhatTheViewerMaySee() {
    final Incident incident = serviceDeskIncidentOfAlice();

    assertThat(numbers(access.restrict(BOB, IncidentQuery.all())))
        .doesNotContain(incident.number());
    assertThat(numbers(access.restrict(ALICE, IncidentQuery.all()))).contains(incident.number());
    assertThat(numbers(access.restrict(ANNA, IncidentQuery.all()))).contains(incident.number());
    assertThat(numbers(access.restrict(NILS, IncidentQuery.all())))
        .doesNotContain(incident.number());
    assertThat(numbers(access.restrict(MARIA, IncidentQuery.all()))).contains(incident.number());
    assertThat(access.restrict(BOB, IncidentQuery.all()).callers()).containsExactly("bob");
  }

  @Test
  void askingForSomeoneElsesIncidentsInAListFindsNothing() {
    final IncidentQuery othersOnly =
        new IncidentQuery(Set.of("alice"), Set.of(), Set.of(), Set.of(), null, null, null);

    assertThat(numbers(access.restrict(BOB, othersOnly))).isEmpty();
    assertThat(numbers(access.restrict(NILS, withGroup("service-desk")))).isEmpty();
  }

  private static IncidentQuery withGroup(final String group) {
    return new IncidentQuery(Set.of(), Set.of(group), Set.of(), Set.of(), null, null, null);
  }

  private List<String> numbers(final IncidentQuery query) {
    return records.search(query, Pageable.ofSize(1000)).map(Incident::number).getContent();
  }
}
