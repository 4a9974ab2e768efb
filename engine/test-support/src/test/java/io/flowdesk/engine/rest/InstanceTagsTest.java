package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Process instance tags as clients other than camunda-client-java send them (that client checks
 * tags itself before sending): Camunda 8.8's rules enforced by the engine over REST and gRPC.
 */
@FlowdeskEngineTest
class InstanceTagsTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;
  private String id;

  @BeforeEach
  void deploy() {
    http = Http.of(engine);
    id = "p" + UUID.randomUUID().toString().replace("-", "");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("wait")
                .zeebeUserTask()
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
  }

  @Test
  void restCreationAnswersAndKeepsTheTags() {
    final Http.Answer created =
        http.post(
            "/v2/process-instances",
            Map.of("processDefinitionId", id, "tags", List.of("team:ops", "team:ops", "P1")));

    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("tags").toString()).isEqualTo("[\"team:ops\",\"P1\"]");
    final String key = created.json().get("processInstanceKey").asText();
    final Http.Answer read = http.get("/v2/process-instances/" + key);
    assertThat(read.json().get("tags").toString()).isEqualTo("[\"team:ops\",\"P1\"]");
  }

  @Test
  void restRefusesABadTagWithAProblemNamingIt() {
    final Http.Answer refused =
        http.post(
            "/v2/process-instances",
            Map.of("processDefinitionId", id, "tags", List.of("fine", "has space")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("'has space'");
    assertThat(records.instancesOf(id)).isEmpty();
  }

  @Test
  void restRefusesTooLongTagsAndTooManyTags() {
    final Http.Answer tooLong =
        http.post(
            "/v2/process-instances",
            Map.of("processDefinitionId", id, "tags", List.of("a" + "b".repeat(100))));
    final Http.Answer tooMany =
        http.post(
            "/v2/process-instances",
            Map.of(
                "processDefinitionId",
                id,
                "tags",
                IntStream.range(0, 11).mapToObj(i -> "t" + i).toList()));

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText()).contains("at most 100 characters");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("detail").asText()).contains("at most 10 tags");
    assertThat(records.instancesOf(id)).isEmpty();
  }

  @Test
  void grpcCreationKeepsTheTagsAndRefusesABadOneNamingIt() throws InterruptedException {
    overGrpc(
        gateway -> {
          final CreateProcessInstanceResponse created =
              gateway.createProcessInstance(
                  CreateProcessInstanceRequest.newBuilder()
                      .setBpmnProcessId(id)
                      .setVersion(-1)
                      .addTags("region:emea")
                      .build());
          assertThat(created.getTagsList()).containsExactly("region:emea");
          assertThat(
                  client
                      .newProcessInstanceGetRequest(created.getProcessInstanceKey())
                      .send()
                      .join()
                      .getTags())
              .containsExactly("region:emea");

          assertThatThrownBy(
                  () ->
                      gateway.createProcessInstance(
                          CreateProcessInstanceRequest.newBuilder()
                              .setBpmnProcessId(id)
                              .setVersion(-1)
                              .addTags("-dash")
                              .build()))
              .isInstanceOfSatisfying(
                  StatusRuntimeException.class,
                  e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("'-dash'");
                  });
        });
    assertThat(records.instancesOf(id)).hasSize(1);
  }

  private void overGrpc(final Consumer<GatewayGrpc.GatewayBlockingStub> calls)
      throws InterruptedException {
    final ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", engine.gatewayPort()).usePlaintext().build();
    try {
      final Metadata credentials = new Metadata();
      credentials.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          engine.ownClientAuthorization());
      calls.accept(
          GatewayGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
              .withDeadlineAfter(30, TimeUnit.SECONDS));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
