package io.flowdesk.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import io.flowdesk.domain.incident.AuditEntry;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared mechanics as the incident record uses them: watchers and numbering. */
class RecordCoreTest {

  static DataSource dataSource;
  static IncidentRecords incidents;
  static final ChangeSource CAROL = ChangeSource.person("carol");

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migrated();
    incidents = new IncidentRecords(dataSource);
  }

  static Incident reported() {
    return incidents.report(
        new NewIncident("carol", "Printer jams", null, "hardware", null, Level.LOW, Level.LOW),
        CAROL);
  }

  @Test
  void watchersAreAddedOnceRemovedAndAudited() {
    final Incident incident = reported();

    incidents.watch(incident.id(), "dave", CAROL);
    incidents.watch(incident.id(), "dave", CAROL);
    incidents.watch(incident.id(), "bea", CAROL);
    assertThat(incidents.watchers(incident.id())).containsExactly("bea", "dave");

    incidents.unwatch(incident.id(), "dave", CAROL);
    assertThat(incidents.watchers(incident.id())).containsExactly("bea");
    final List<AuditEntry> watcherLines =
        incidents.auditTrail(incident.id()).stream()
            .filter(entry -> entry.field().equals("watcher"))
            .toList();
    assertThat(watcherLines)
        .extracting(AuditEntry::oldValue, AuditEntry::newValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, "dave"),
            org.assertj.core.groups.Tuple.tuple(null, "bea"),
            org.assertj.core.groups.Tuple.tuple("dave", null));
  }

  @Test
  void watchingARecordThatDoesNotExistIsItsKindsNotFoundError() {
    assertThatThrownBy(() -> incidents.watch(999_999, "dave", CAROL))
        .isInstanceOf(IncidentNotFoundException.class)
        .hasMessage("no incident 999999");
  }

  @Test
  void eachKindNumbersFromItsOwnSequenceWithItsPrefix() {
    final RecordCore requests =
        new RecordCore(
            dataSource,
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource),
            RecordKind.REQUEST,
            id -> new RecordNotFoundException("request", String.valueOf(id)));

    final String first = requests.nextNumber();
    final String second = requests.nextNumber();

    assertThat(first).matches("REQ\\d{7}");
    assertThat(Long.parseLong(second.substring(3)))
        .isEqualTo(Long.parseLong(first.substring(3)) + 1);
    assertThat(reported().number()).matches("INC\\d{7}");
  }

  @Test
  void aKindsTableNameMustBePlainSoItCannotCarrySql() {
    assertThatThrownBy(() -> new RecordKind("request; DROP TABLE x", "REQ", "request"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record table must match");
  }
}
