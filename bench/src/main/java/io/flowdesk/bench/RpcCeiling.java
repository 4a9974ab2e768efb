package io.flowdesk.bench;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Topology requests per second through the camunda client with as many in flight as the throughput
 * phase has: what the gRPC round trip alone costs on this machine (client and engine share its
 * cores), no database work. An instance of the one-task process needs two such round trips (create
 * with result, complete job) plus a pushed or polled job, so this bounds the throughput from above.
 */
final class RpcCeiling {

  private static final int IN_FLIGHT = 200;

  private RpcCeiling() {}

  static double measure(final CamundaClient client, final int seconds) throws InterruptedException {
    run(client, Math.max(5, seconds / 3));
    return run(client, seconds);
  }

  private static double run(final CamundaClient client, final int seconds)
      throws InterruptedException {
    final AtomicLong answered = new AtomicLong();
    final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    final long begin = System.nanoTime();
    final long end = begin + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < end) {
      inFlight.acquire();
      client
          .newTopologyRequest()
          .send()
          .whenComplete(
              (topology, error) -> {
                if (error == null) {
                  answered.incrementAndGet();
                }
                inFlight.release();
              });
    }
    inFlight.acquire(IN_FLIGHT);
    return answered.get() / ((System.nanoTime() - begin) / 1e9);
  }
}
