package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.flowdesk.engine.support.Keys;

/** The cluster a client sees: one broker leading one healthy partition. */
public final class GatewayTopology {

  private final String host;
  private final int port;
  private final String version;

  public GatewayTopology(final String host, final int port, final String version) {
    this.host = host;
    this.port = port;
    this.version = version;
  }

  TopologyResponse response() {
    return TopologyResponse.newBuilder()
        .setClusterSize(1)
        .setPartitionsCount(1)
        .setReplicationFactor(1)
        .setGatewayVersion(version)
        .addBrokers(
            BrokerInfo.newBuilder()
                .setNodeId(0)
                .setHost(host)
                .setPort(port)
                .setVersion(version)
                .addPartitions(
                    Partition.newBuilder()
                        .setPartitionId(Keys.PARTITION_ID)
                        .setRole(Partition.PartitionBrokerRole.LEADER)
                        .setHealth(Partition.PartitionBrokerHealth.HEALTHY)))
        .build();
  }
}
