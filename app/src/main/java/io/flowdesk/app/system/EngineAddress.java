package io.flowdesk.app.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where this server's job workers and camunda client send their commands. */
@Component
public class EngineAddress {

  private final boolean embedded;
  private final String grpcAddress;
  private final String restAddress;

  EngineAddress(
      @Value("${flowdesk.engine.enabled:true}") final boolean embedded,
      @Value("${camunda.client.grpc-address:http://127.0.0.1:26500}") final String grpcAddress,
      @Value("${camunda.client.rest-address:http://127.0.0.1:8080}") final String restAddress) {
    this.embedded = embedded;
    this.grpcAddress = grpcAddress;
    this.restAddress = restAddress;
  }

  public String describe() {
    final String kind = embedded ? "embedded Flowdesk engine" : "external Camunda 8 cluster";
    return kind + " (gRPC " + grpcAddress + ", REST " + restAddress + ")";
  }
}
