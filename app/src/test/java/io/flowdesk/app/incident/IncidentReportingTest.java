package io.flowdesk.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IncidentReportingTest extends WebTestSupport {

  @Autowired io.flowdesk.app.cmdb.CiChoices ciChoices;
  @Autowired IncidentRecords records;
  @Autowired Directory directory;
  @Autowired CamundaClient client;

  private static Map<String, Object> report() {
    return Map.of(
        "shortDescription", "Printer jams",
        "category", "hardware",
        "impact", "low",
        "urgency", "medium");
  }

  @Test
  void whenTheProcessCannotStartTheRecordIsCanceledAndTheCallerToldSo() {
    final IncidentReporting reporting =
        new IncidentReporting(records, directory, ciChoices, client, "no-such-process");

    final ProcessNotStartedException failure =
        catchThrowableOfType(
            ProcessNotStartedException.class, () -> reporting.report("alice", report()));

    assertThat(failure).hasMessageStartingWith("the incident process did not start for INC");
    final Incident record = records.findByNumber(failure.recordNumber()).orElseThrow();
    assertThat(record.state()).isEqualTo(IncidentState.CANCELED);
    assertThat(record.processInstanceKey()).isNull();
  }

  @Test
  void anUnknownCategoryIsRefusedBeforeAnythingIsRecorded() {
    final IncidentReporting reporting =
        new IncidentReporting(records, directory, ciChoices, client, TEST_PROCESS);
    final Map<String, Object> report = new HashMap<>(report());
    report.put("category", "coffee");

    assertThatThrownBy(() -> reporting.report("alice", report))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("category must be one of access, hardware, network, other, software");
  }

  @Test
  void aMissingImpactIsNamed() {
    final IncidentReporting reporting =
        new IncidentReporting(records, directory, ciChoices, client, TEST_PROCESS);
    final Map<String, Object> report = new HashMap<>(report());
    report.remove("impact");

    assertThatThrownBy(() -> reporting.report("alice", report))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("impact is required (high, medium or low)");
  }
}
