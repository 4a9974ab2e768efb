package io.flowdesk.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Search on its own database, so every count is exact. */
class IncidentSearchTest {

  static IncidentRecords records;
  static Incident vpn;
  static Incident printer;
  static Incident laptop;
  static Incident mail;

  @BeforeAll
  static void incidents() {
    records = new IncidentRecords(TestDatabase.migrated());
    vpn = report("carol", "VPN drops every hour", "since the 100% upgrade");
    printer = report("carol", "Printer jams", null);
    laptop = report("dave", "Laptop will not boot", "black screen, VPN client missing");
    mail = report("dave", "Mail_box full", null);
    classify(vpn, Priority.P1, "network-team", IncidentState.IN_PROGRESS, "ann");
    classify(printer, Priority.P4, "workplace-team", IncidentState.NEW, null);
    classify(laptop, Priority.P2, "workplace-team", IncidentState.ON_HOLD, "ben");
    records.change(printer.id(), IncidentChange.of().responseBreached(true), ChangeSource.job(1));
  }

  static Incident report(final String caller, final String summary, final String description) {
    return records.report(
        new NewIncident(caller, summary, description, "other", null, Level.MEDIUM, Level.LOW),
        ChangeSource.person(caller));
  }

  static void classify(
      final Incident incident,
      final Priority priority,
      final String group,
      final IncidentState state,
      final String assignee) {
    records.change(
        incident.id(),
        IncidentChange.of()
            .priority(priority)
            .assignmentGroup(group)
            .state(state)
            .assignee(assignee),
        ChangeSource.person("ann"));
  }

  static List<String> numbers(final Page<Incident> page) {
    return page.getContent().stream().map(Incident::number).toList();
  }

  @Test
  void withoutCriteriaEveryIncidentIsFoundNewestFirst() {
    final Page<Incident> page = records.search(IncidentQuery.all(), PageRequest.of(0, 10));

    assertThat(numbers(page))
        .containsExactly(mail.number(), laptop.number(), printer.number(), vpn.number());
    assertThat(page.getTotalElements()).isEqualTo(4);
  }

  @Test
  void callersAndGroupsNarrowTheResult() {
    final IncidentQuery carols =
        new IncidentQuery(Set.of("carol"), Set.of(), Set.of(), Set.of(), null, null, null);
    final IncidentQuery workplaceOrNetwork =
        new IncidentQuery(
            Set.of(),
            Set.of("workplace-team", "network-team"),
            Set.of(),
            Set.of(),
            null,
            null,
            null);
    final IncidentQuery carolsInWorkplace =
        new IncidentQuery(
            Set.of("carol"), Set.of("workplace-team"), Set.of(), Set.of(), null, null, null);

    assertThat(numbers(records.search(carols, PageRequest.of(0, 10))))
        .containsExactlyInAnyOrder(vpn.number(), printer.number());
    assertThat(numbers(records.search(workplaceOrNetwork, PageRequest.of(0, 10))))
        .containsExactlyInAnyOrder(vpn.number(), printer.number(), laptop.number());
    assertThat(numbers(records.search(carolsInWorkplace, PageRequest.of(0, 10))))
        .containsExactly(printer.number());
  }

  @Test
  void statesPrioritiesAssigneeAndBreachNarrowTheResult() {
    assertThat(
            numbers(
                records.search(
                    new IncidentQuery(
                        Set.of(),
                        Set.of(),
                        Set.of(IncidentState.NEW, IncidentState.ON_HOLD),
                        Set.of(),
                        null,
                        null,
                        null),
                    PageRequest.of(0, 10))))
        .containsExactlyInAnyOrder(printer.number(), laptop.number(), mail.number());
    assertThat(
            numbers(
                records.search(
                    new IncidentQuery(
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        Set.of(Priority.P1, Priority.P2),
                        null,
                        null,
                        null),
                    PageRequest.of(0, 10))))
        .containsExactlyInAnyOrder(vpn.number(), laptop.number());
    assertThat(
            numbers(
                records.search(
                    new IncidentQuery(Set.of(), Set.of(), Set.of(), Set.of(), "ben", null, null),
                    PageRequest.of(0, 10))))
        .containsExactly(laptop.number());
    assertThat(
            numbers(
                records.search(
                    new IncidentQuery(Set.of(), Set.of(), Set.of(), Set.of(), null, true, null),
                    PageRequest.of(0, 10))))
        .containsExactly(printer.number());
    assertThat(
            records
                .search(
                    new IncidentQuery(Set.of(), Set.of(), Set.of(), Set.of(), null, false, null),
                    PageRequest.of(0, 10))
                .getTotalElements())
        .isEqualTo(3);
  }

  @Test
  void textMatchesNumberSummaryAndDescriptionIgnoringCaseWithWildcardsTakenLiterally() {
    assertThat(numbers(records.search(text("vpn"), PageRequest.of(0, 10))))
        .containsExactlyInAnyOrder(vpn.number(), laptop.number());
    assertThat(numbers(records.search(text(printer.number().toLowerCase()), PageRequest.of(0, 10))))
        .containsExactly(printer.number());
    assertThat(numbers(records.search(text("100%"), PageRequest.of(0, 10))))
        .containsExactly(vpn.number());
    assertThat(numbers(records.search(text("l_n"), PageRequest.of(0, 10)))).isEmpty();
    assertThat(numbers(records.search(text("mail_box"), PageRequest.of(0, 10))))
        .containsExactly(mail.number());
  }

  @Test
  void pagesAreSortedAndCountTheWholeResult() {
    final Sort byPriority = Sort.by(Sort.Order.asc("priority"));

    final Page<Incident> first =
        records.search(IncidentQuery.all(), PageRequest.of(0, 2, byPriority));
    final Page<Incident> second =
        records.search(IncidentQuery.all(), PageRequest.of(1, 2, byPriority));

    assertThat(numbers(first)).containsExactly(vpn.number(), laptop.number());
    assertThat(numbers(second)).containsExactly(printer.number(), mail.number());
    assertThat(first.getTotalElements()).isEqualTo(4);
    assertThat(second.getTotalPages()).isEqualTo(2);
  }

  @Test
  void sortsByBreachStateAndNumber() {
    assertThat(
            numbers(
                records.search(
                    IncidentQuery.all(),
                    PageRequest.of(0, 1, Sort.by(Sort.Order.desc("breached"))))))
        .containsExactly(printer.number());
    assertThat(
            numbers(
                records.search(
                    IncidentQuery.all(), PageRequest.of(0, 10, Sort.by("state", "number")))))
        .containsExactly(printer.number(), mail.number(), vpn.number(), laptop.number());
    assertThat(
            numbers(
                records.search(
                    IncidentQuery.all(), PageRequest.of(0, 10, Sort.by(Sort.Order.asc("number"))))))
        .containsExactly(vpn.number(), printer.number(), laptop.number(), mail.number());
  }

  @Test
  void anUnknownSortPropertyIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                records.search(
                    IncidentQuery.all(), PageRequest.of(0, 10, Sort.by("caller; DROP TABLE x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("caller; DROP TABLE x");
  }

  static IncidentQuery text(final String text) {
    return new IncidentQuery(Set.of(), Set.of(), Set.of(), Set.of(), null, null, text);
  }
}
