package io.flowdesk.engine.support;

/**
 * The cluster a client sees, whichever protocol it asks through: one broker, the node itself,
 * leading one healthy partition.
 *
 * @param host the address the broker is advertised at
 * @param port the gRPC gateway port
 * @param version the gateway version: the Camunda API level the engine serves
 */
public record Topology(String host, int port, String version) {

  public static final int CLUSTER_SIZE = 1;
  public static final int PARTITIONS = 1;
  public static final int REPLICATION_FACTOR = 1;
  public static final int NODE_ID = 0;
}
