package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exactly the calls Camunda Desktop Modeler (5.39+) makes to deploy and run a diagram: over an
 * {@code http://} address it checks {@code GET /v2/topology}, deploys with a multipart {@code POST
 * /v2/deployments} and starts with {@code POST /v2/process-instances}; over gRPC it calls Topology
 * and DeployResource.
 */
@FlowdeskEngineTest
class ModelerCompatibilityTest {

  Engine engine;
  EngineRecords records;

  private static String diagram(final String id) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
  }

  @Test
  void modelerOverRestChecksTheConnectionDeploysAndStartsAnInstance() {
    final String id = "modeler" + UUID.randomUUID().toString().replace("-", "");
    // The headers Modeler's REST client sends with every request.
    final Http http =
        Http.of(engine).header("Accept", "*/*").header("User-Agent", "camunda-modeler-test");

    final Http.Answer topology = http.get("/v2/topology");
    final Http.Answer deployment =
        http.multipart(
            "/v2/deployments",
            "resources",
            Map.of("diagram_1.bpmn", diagram(id).getBytes(StandardCharsets.UTF_8)),
            Map.of());
    final Http.Answer instance =
        http.post(
            "/v2/process-instances",
            Map.of("processDefinitionId", id, "variables", Map.of("from", "modeler")));

    assertThat(topology.status()).isEqualTo(200);
    assertThat(topology.json().get("gatewayVersion").asText()).startsWith("8.8");
    assertThat(deployment.status()).as(deployment.body()).isEqualTo(200);
    final JsonNode deployed = deployment.json();
    assertThat(deployed.get("deploymentKey").asText()).matches("\\d+");
    final JsonNode process = deployed.get("deployments").get(0).get("processDefinition");
    assertThat(process.get("processDefinitionId").asText()).isEqualTo(id);
    assertThat(process.get("processDefinitionVersion").asInt()).isEqualTo(1);
    assertThat(process.get("resourceName").asText()).isEqualTo("diagram_1.bpmn");
    assertThat(process.get("processDefinitionKey").asText()).matches("\\d+");
    assertThat(instance.status()).as(instance.body()).isEqualTo(200);
    final long instanceKey = Long.parseLong(instance.json().get("processInstanceKey").asText());
    assertThat(instance.json().get("processDefinitionKey").asText())
        .isEqualTo(process.get("processDefinitionKey").asText());
    records.awaitCompleted(instanceKey);
    assertThat(records.variable(instanceKey, "from")).isEqualTo("\"modeler\"");
  }

  @Test
  void modelerOverGrpcChecksTheTopologyAndDeploys() throws InterruptedException {
    final String id = "modeler" + UUID.randomUUID().toString().replace("-", "");
    final ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", engine.gatewayPort()).usePlaintext().build();
    try {
      // Modeler sends its configured credentials as the authorization metadata.
      final io.grpc.Metadata credentials = new io.grpc.Metadata();
      credentials.put(
          io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
          engine.ownClientAuthorization());
      final GatewayGrpc.GatewayBlockingStub gateway =
          GatewayGrpc.newBlockingStub(channel)
              .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(credentials))
              .withDeadlineAfter(30, TimeUnit.SECONDS);

      final TopologyResponse topology = gateway.topology(TopologyRequest.getDefaultInstance());
      final DeployResourceResponse deployed =
          gateway.deployResource(
              DeployResourceRequest.newBuilder()
                  .addResources(
                      Resource.newBuilder()
                          .setName("diagram_1.bpmn")
                          .setContent(ByteString.copyFromUtf8(diagram(id))))
                  .build());

      assertThat(topology.getBrokersCount()).isEqualTo(1);
      assertThat(topology.getGatewayVersion()).startsWith("8.8");
      assertThat(deployed.getDeploymentsList()).hasSize(1);
      assertThat(deployed.getDeployments(0).getProcess().getBpmnProcessId()).isEqualTo(id);
      assertThat(deployed.getDeployments(0).getProcess().getVersion()).isEqualTo(1);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
