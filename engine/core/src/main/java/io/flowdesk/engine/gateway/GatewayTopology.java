package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Topology;

/** The engine's {@link Topology} as Zeebe's gRPC Topology response. */
final class GatewayTopology {

  private GatewayTopology() {}

  static TopologyResponse response(final Topology topology) {
    return TopologyResponse.newBuilder()
        .setClusterSize(Topology.CLUSTER_SIZE)
        .setPartitionsCount(Topology.PARTITIONS)
        .setReplicationFactor(Topology.REPLICATION_FACTOR)
        .setGatewayVersion(topology.version())
        .addBrokers(
            BrokerInfo.newBuilder()
                .setNodeId(Topology.NODE_ID)
                .setHost(topology.host())
                .setPort(topology.port())
                .setVersion(topology.version())
                .addPartitions(
                    Partition.newBuilder()
                        .setPartitionId(Keys.PARTITION_ID)
                        .setRole(Partition.PartitionBrokerRole.LEADER)
                        .setHealth(Partition.PartitionBrokerHealth.HEALTHY)))
        .build();
  }
}
