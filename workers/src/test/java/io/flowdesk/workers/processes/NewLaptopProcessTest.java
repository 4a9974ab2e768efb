package io.flowdesk.workers.processes;

import static io.flowdesk.domain.request.RequestState.AWAITING_APPROVAL;
import static io.flowdesk.domain.request.RequestState.FULFILLED;
import static io.flowdesk.domain.request.RequestState.IN_FULFILMENT;
import static io.flowdesk.domain.request.RequestState.REJECTED;
import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalState;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.processes.RequestBuildingBlocks.Ordered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/catalog/new-laptop.bpmn with DMN laptop-approval and its forms as packaged, calling the
 * real approval: manager approval, finance approval when the decision asks for it (each rule once),
 * fulfilment by the workplace team, delivery confirmed by the person it is for; the request record
 * moves with it.
 */
@FlowdeskEngineTest
class NewLaptopProcessTest {

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static RequestBuildingBlocks blocks;

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  @BeforeEach
  void deploy() {
    if (blocks == null) {
      ItemTesting.deploy(
          client,
          List.of("catalog/new-laptop.bpmn", "catalog/laptop-approval.dmn"),
          List.of("new-laptop.form", "new-laptop-fulfilment.form", "new-laptop-delivery.form"));
      blocks =
          RequestBuildingBlocks.start(engine, client, records, MAIL)
              .people("alice", "bob", "carl", "maria", "victor", "fiona", "felix", "nomad", "nora")
              .manager("alice", "maria")
              .manager("bob", "maria")
              .manager("carl", "alice")
              .manager("maria", "victor")
              .manager("nora", "nomad")
              .group("finance", "fiona", "felix");
    }
  }

  @AfterAll
  static void stop() {
    blocks.close();
    blocks = null;
  }

  @Test
  void upToTheThresholdTheManagerApprovesTheWorkplaceTeamDeliversAndTheRequesterConfirms() {
    final Ordered request = orderLaptop("alice", "alice", "standard-14", 1200);

    final Approval approval = blocks.awaitApproval(request);
    assertThat(approval.approvers()).containsExactly("maria");
    assertThat(approval.recordNumber()).isEqualTo(request.number());
    assertThat(approval.subject()).isEqualTo("New laptop for alice: standard-14, 1200 EUR");
    assertThat(blocks.state(request)).isEqualTo(AWAITING_APPROVAL);
    blocks.decide(approval, "maria", true, "Six years is enough");

    final UserTask prepare = awaitTask(client, request.instance(), "prepareLaptop");
    assertThat(prepare.getCandidateGroups()).containsExactly("workplace-team");
    assertThat(prepare.getFormKey()).isNotNull();
    assertThat(blocks.state(request)).isEqualTo(IN_FULFILMENT);
    assertThat(blocks.outcome(request, "managerApproval"))
        .containsEntry("decision", "approved")
        .extractingByKey("decisions")
        .asList()
        .singleElement()
        .satisfies(
            d ->
                assertThat((Map<String, Object>) d)
                    .containsEntry("approver", "maria")
                    .containsEntry("comment", "Six years is enough"));
    assertThat(records.passed(request.instance(), "financeApproval", "ELEMENT_ACTIVATED"))
        .isFalse();
    complete(
        client,
        prepare,
        Map.of("assetTag", "A-1001", "serialNumber", "SN-77", "deliveryNote", "Desk 4.12"));

    final UserTask confirm = awaitTask(client, request.instance(), "confirmDelivery");
    assertThat(confirm.getAssignee()).isEqualTo("alice");
    complete(client, confirm, Map.of("deliveryConfirmed", true));

    records.awaitCompleted(request.instance());
    assertThat(records.passed(request.instance(), "laptopDelivered", "ELEMENT_COMPLETED")).isTrue();
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, IN_FULFILMENT, FULFILLED))
        .endsWith(FULFILLED);
    assertThat(blocks.comments(request)).contains("Laptop A-1001 delivered.");
    assertThat(blocks.awaitMail("alice@example.test", request.number(), "New laptop: fulfilled"))
        .contains("Laptop A-1001 delivered.");
  }

  @Test
  void aboveTheThresholdFinanceApprovesTooAndItsRejectionRejectsTheRequest() {
    final Ordered request = orderLaptop("bob", "bob", "performance-16", 2400);

    final Approval managers = blocks.awaitApproval(request);
    assertThat(managers.approvers()).containsExactly("maria");
    blocks.decide(managers, "maria", true, null);

    final Approval finance = blocks.awaitApproval(request);
    assertThat(finance.id()).isNotEqualTo(managers.id());
    assertThat(finance.approvers()).containsExactlyInAnyOrder("fiona", "felix");
    assertThat(finance.subject()).endsWith("(approved by the manager)");
    assertThat(blocks.state(request)).isEqualTo(AWAITING_APPROVAL);
    blocks.decide(finance, "felix", false, "Not in this year's budget");
    // Mode any: rejected only once every finance approver rejected.
    blocks.decide(finance, "fiona", false, "Agree with felix");

    records.awaitCompleted(request.instance());
    assertThat(records.passed(request.instance(), "laptopRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(request.instance(), "prepareLaptop", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(blocks.outcome(request, "financeApproval")).containsEntry("decision", "rejected");
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, REJECTED)).endsWith(REJECTED);
    assertThat(blocks.approvals.find(finance.id()).orElseThrow().state())
        .isEqualTo(ApprovalState.REJECTED);
  }

  @Test
  void aModelOutsideTheRangeGoesToFinanceWhateverItCostsAndItsApprovalStartsTheFulfilment() {
    final Ordered request = orderLaptop("alice", "alice", "other", 900);

    blocks.decide(blocks.awaitApproval(request), "maria", true, null);
    final Approval finance = blocks.awaitApproval(request);
    assertThat(finance.subject())
        .isEqualTo("New laptop for alice: Framework 13, 900 EUR (approved by the manager)");
    blocks.decide(finance, "fiona", true, null);

    awaitTask(client, request.instance(), "prepareLaptop");
    assertThat(blocks.outcome(request, "financeApproval")).containsEntry("decision", "approved");
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, IN_FULFILMENT))
        .endsWith(IN_FULFILMENT);
  }

  @Test
  void theManagersRejectionRejectsTheRequestWithoutAskingFinanceAndTellsTheRequester() {
    final Ordered request = orderLaptop("alice", "alice", "performance-16", 3000);

    blocks.decide(blocks.awaitApproval(request), "maria", false, "We have spare laptops");

    records.awaitCompleted(request.instance());
    assertThat(records.passed(request.instance(), "laptopRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(request.instance(), "decideFinanceApproval", "ELEMENT_ACTIVATED"))
        .isFalse();
    assertThat(blocks.outcome(request, "managerApproval"))
        .containsEntry("decision", "rejected")
        .extractingByKey("decisions")
        .asList()
        .singleElement()
        .satisfies(
            d ->
                assertThat((Map<String, Object>) d)
                    .containsEntry("comment", "We have spare laptops"));
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, REJECTED)).endsWith(REJECTED);
    assertThat(blocks.comments(request)).contains("The laptop was not approved.");
    assertThat(blocks.awaitMail("alice@example.test", request.number(), "New laptop: rejected"))
        .contains("was rejected", "The laptop was not approved.");
  }

  @Test
  void anAgentOrderingForSomeoneHasTheirManagerAsked() {
    final Ordered request = orderLaptop("carl", "bob", "standard-14", 1000);

    final Approval approval = blocks.awaitApproval(request);
    assertThat(approval.approvers()).containsExactly("maria");
    assertThat(approval.requester()).isEqualTo("carl");
    assertThat(approval.requestedFor()).isEqualTo("bob");
  }

  @Test
  void aManagerOrderingForTheirReportHasTheApprovalGoOneLevelUp() {
    // maria manages bob, so she would approve her own order: separation of duties drops her and
    // her own manager is asked instead.
    final Ordered request = orderLaptop("maria", "bob", "standard-14", 1000);

    final Approval approval = blocks.awaitApproval(request);
    assertThat(approval.approvers()).containsExactly("victor");
  }

  @Test
  void whenNobodyIsAboveTheManagerOrderingAnAdminSeesWhy() {
    // nomad manages nora but has no manager of his own: the approval cannot go one level up.
    final Ordered request = orderLaptop("nomad", "nora", "standard-14", 1000);

    final long approval = blocks.awaitApprovalInstance(request);
    assertThat(records.awaitIncidents(approval))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.errorMessage())
                    .isEqualTo("manager:nora: 'nomad' has no manager in the directory"));
    assertThat(blocks.state(request)).isEqualTo(AWAITING_APPROVAL);
  }

  @Test
  void someoneWithoutAManagerInTheDirectoryIsAnIncidentNamingThem() {
    final Ordered request = orderLaptop("nomad", "nomad", "standard-14", 1000);

    assertThat(records.awaitIncidents(blocks.awaitApprovalInstance(request)))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.errorMessage())
                    .isEqualTo("manager:nomad: 'nomad' has no manager in the directory"));
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

  private Ordered orderLaptop(
      final String requester, final String requestedFor, final String model, final int cost) {
    return blocks.order(
        "new-laptop",
        "New laptop",
        requester,
        requestedFor,
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
