package io.flowdesk.workers.processes;

import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static io.flowdesk.workers.processes.ItemTesting.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/catalog/new-laptop.bpmn with DMN laptop-approval and its forms as packaged: manager
 * approval, finance approval above the threshold, fulfilment by the workplace team, delivery
 * confirmed by the person it is for.
 */
@FlowdeskEngineTest
class NewLaptopProcessTest {

  static RequestStandIns standIns;

  CamundaClient client;
  EngineRecords records;

  @BeforeEach
  void deploy() {
    if (standIns == null) {
      ItemTesting.deploy(
          client,
          List.of("catalog/new-laptop.bpmn", "catalog/laptop-approval.dmn"),
          List.of("new-laptop.form", "new-laptop-fulfilment.form", "new-laptop-delivery.form"));
      standIns = RequestStandIns.start(client);
    }
  }

  @AfterAll
  static void stop() {
    standIns.close();
    standIns = null;
  }

  @Test
  void upToTheThresholdTheManagerApprovesTheWorkplaceTeamDeliversAndTheRequesterConfirms() {
    final long instance = orderLaptop("REQ0000101", "standard-14", 1200);

    final long approval = standIns.awaitApproval(instance);
    assertThat(records.variable(approval, "approvers")).isEqualTo("[\"manager:alice\"]");
    assertThat(records.variable(approval, "requester")).isEqualTo("\"alice\"");
    assertThat(records.variable(approval, "requestedFor")).isEqualTo("\"alice\"");
    assertThat(records.variable(approval, "recordNumber")).isEqualTo("\"REQ0000101\"");
    assertThat(records.variable(approval, "subject"))
        .isEqualTo("\"New laptop for alice: standard-14, 1200 EUR\"");
    // Only what the approval needs goes in: not the whole request.
    assertThat(records.variable(approval, "justification")).isNull();
    standIns.decide(approval, "approved", "manager.maria");

    final UserTask prepare = awaitTask(client, instance, "prepareLaptop");
    assertThat(prepare.getCandidateGroups()).containsExactly("workplace-team");
    assertThat(prepare.getFormKey()).isNotNull();
    assertThat(records.passed(instance, "financeApproval", "ELEMENT_ACTIVATED")).isFalse();
    complete(
        client,
        prepare,
        Map.of("assetTag", "A-1001", "serialNumber", "SN-77", "deliveryNote", "Desk 4.12"));

    final UserTask confirm = awaitTask(client, instance, "confirmDelivery");
    assertThat(confirm.getAssignee()).isEqualTo("alice");
    complete(client, confirm, Map.of("deliveryConfirmed", true));

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "laptopDelivered", "ELEMENT_COMPLETED")).isTrue();
    assertThat(standIns.stages("REQ0000101"))
        .containsExactly("approval", "fulfilment", "fulfilled");
    assertThat(standIns.stagesOf("REQ0000101").get(2).comment())
        .isEqualTo("Laptop A-1001 delivered.");
  }

  @Test
  void aboveTheThresholdFinanceApprovesTooAndItsRejectionRejectsTheRequest() {
    final long instance =
        order(
            client,
            "new-laptop",
            "REQ0000102",
            "manager.maria",
            "bob",
            Map.of("model", "performance-16", "cost", 2400, "justification", "CAD work"));

    final long managerApproval = standIns.awaitApproval(instance);
    assertThat(records.variable(managerApproval, "approvers")).isEqualTo("[\"manager:bob\"]");
    assertThat(records.variable(managerApproval, "requester")).isEqualTo("\"manager.maria\"");
    standIns.decide(managerApproval, "approved", "manager.maria");

    final long financeApproval = standIns.awaitApproval(instance);
    assertThat(financeApproval).isNotEqualTo(managerApproval);
    assertThat(records.variable(financeApproval, "approvers")).isEqualTo("[\"group:finance\"]");
    assertThat(records.variable(instance, "managerApproval"))
        .contains("\"decision\": \"approved\"");
    standIns.decide(financeApproval, "rejected", "finance.fiona");

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "laptopRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(instance, "prepareLaptop", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(standIns.stages("REQ0000102")).containsExactly("approval", "rejected");
  }

  @Test
  void theManagersRejectionRejectsTheRequestWithoutAskingFinance() {
    final long instance = orderLaptop("REQ0000103", "other", 900);

    standIns.decide(standIns.awaitApproval(instance), "rejected", "manager.maria");

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "laptopRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(instance, "decideFinanceApproval", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(standIns.stages("REQ0000103")).containsExactly("approval", "rejected");
    assertThat(standIns.stagesOf("REQ0000103").get(1).comment())
        .isEqualTo("The laptop was not approved.");
  }

  @ParameterizedTest
  @CsvSource({
    "standard-14, 2000, false",
    "performance-16, 2000.01, true",
    "ultralight-13, 1800, false",
    "other, 500, true",
  })
  void financeApprovesAboveTwoThousandEurosAndEveryModelOutsideTheRange(
      final String model, final double cost, final boolean financeApproves) {
    final Object result =
        client
            .newEvaluateDecisionCommand()
            .decisionId("laptop-approval")
            .variables(Map.of("model", model, "cost", cost))
            .send()
            .join()
            .getDecisionOutput();

    assertThat(result).isEqualTo(String.valueOf(financeApproves));
  }

  private long orderLaptop(final String number, final String model, final int cost) {
    return order(
        client,
        "new-laptop",
        number,
        "alice",
        "alice",
        Map.of(
            "model",
            model,
            "otherModel",
            "Framework 13",
            "cost",
            cost,
            "justification",
            "Mine is six years old"));
  }
}
