package io.flowdesk.engine.rest;

import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v2/topology}: the same one-broker cluster the gRPC Topology reports. */
final class ClusterEndpoints {

  private final Topology topology;

  ClusterEndpoints(final Topology topology) {
    this.topology = topology;
  }

  void register(final Router router) {
    router.add("GET", "/topology", this::topology);
  }

  private void topology(final Exchange exchange) {
    final Map<String, Object> partition = new LinkedHashMap<>();
    partition.put("partitionId", Keys.PARTITION_ID);
    partition.put("role", "leader");
    partition.put("health", "healthy");
    final Map<String, Object> broker = new LinkedHashMap<>();
    broker.put("nodeId", Topology.NODE_ID);
    broker.put("host", topology.host());
    broker.put("port", topology.port());
    broker.put("partitions", List.of(partition));
    broker.put("version", topology.version());
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("brokers", List.of(broker));
    body.put("clusterSize", Topology.CLUSTER_SIZE);
    body.put("partitionsCount", Topology.PARTITIONS);
    body.put("replicationFactor", Topology.REPLICATION_FACTOR);
    body.put("gatewayVersion", topology.version());
    body.put("lastCompletedChangeId", "-1");
    exchange.json(200, body);
  }
}
