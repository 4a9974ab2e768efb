package io.flowdesk.engine.support;

/**
 * The cluster a client sees, whichever protocol it asks through: one broker, the node itself,
 * leading one healthy partition. The broker's port is the gRPC gateway's, known once it listens.
 */
public final class Topology {

  public static final int CLUSTER_SIZE = 1;
  public static final int PARTITIONS = 1;
  public static final int REPLICATION_FACTOR = 1;
  public static final int NODE_ID = 0;

  private final String host;
  private final String version;
  private volatile int port;

  /**
   * @param host the address the broker is advertised at
   * @param version the gateway version: the Camunda API level the engine serves
   */
  public Topology(final String host, final String version) {
    this.host = host;
    this.version = version;
  }

  /** Records the port the gRPC gateway bound (also when it was asked for a free one). */
  public void listeningOn(final int gatewayPort) {
    this.port = gatewayPort;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String version() {
    return version;
  }
}
