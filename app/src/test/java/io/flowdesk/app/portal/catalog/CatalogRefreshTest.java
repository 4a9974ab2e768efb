package io.flowdesk.app.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.search.response.ProcessDefinition;
import io.flowdesk.domain.directory.Directory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the catalog reads a deployment of many new items: a few at a time, in the background, while
 * pages keep getting the catalog as read last; only the very first read is waited for.
 */
class CatalogRefreshTest {

  private final DeployedDefinitions engine = new DeployedDefinitions();
  private ServiceCatalog catalog;

  @AfterEach
  void stop() {
    engine.slow.countDown();
    if (catalog != null) {
      catalog.destroy();
    }
  }

  /** Stale at every call, so every page asks for a refresh. */
  private ServiceCatalog catalog(final int parallelism) {
    catalog =
        new ServiceCatalog(
            engine, mock(Directory.class), Duration.ZERO, Clock.systemUTC(), parallelism);
    return catalog;
  }

  @Test
  void duringASlowRefreshPagesGetThePreviousCatalogAtOnceAndOneRefreshRunsAtATime()
      throws Exception {
    engine.deployed.add(definition(1, "first"));
    final ServiceCatalog catalog = catalog(4);
    assertThat(ids(catalog)).containsExactly("first");

    engine.deployed.add(definition(2, "slow"));
    engine.slowId = "slow";
    final List<CompletableFuture<List<String>>> pages =
        IntStream.range(0, 5)
            .mapToObj(n -> CompletableFuture.supplyAsync(() -> ids(catalog)))
            .toList();
    for (final CompletableFuture<List<String>> page : pages) {
      assertThat(page.get(2, TimeUnit.SECONDS)).containsExactly("first");
    }
    assertThat(engine.slowReadsStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.listings.get()).isEqualTo(2);

    engine.slow.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> ids(catalog).contains("slow"));
    assertThat(ids(catalog)).containsExactly("first", "slow");
  }

  @Test
  void theFirstPageWaitsForEveryItemWhichAreReadAFewAtATime() {
    IntStream.range(0, 24).forEach(n -> engine.deployed.add(definition(n, "item-" + n)));
    engine.readMillis = 50;

    assertThat(ids(catalog(4))).hasSize(24);
    assertThat(engine.mostAtOnce.get()).isEqualTo(4);
  }

  private static List<String> ids(final ServiceCatalog catalog) {
    return catalog.offered().stream().map(CatalogItem::processId).toList();
  }

  private static ProcessDefinition definition(final long key, final String id) {
    final ProcessDefinition definition = mock(ProcessDefinition.class);
    when(definition.getProcessDefinitionKey()).thenReturn(key);
    when(definition.getProcessDefinitionId()).thenReturn(id);
    when(definition.getVersion()).thenReturn(1);
    when(definition.getName()).thenReturn(id);
    return definition;
  }

  /** The engine's definitions as the reader sees them, with a slow item and read counters. */
  private static final class DeployedDefinitions extends CatalogItemReader {

    final List<ProcessDefinition> deployed = new CopyOnWriteArrayList<>();
    final AtomicInteger listings = new AtomicInteger();
    final CountDownLatch slow = new CountDownLatch(1);
    final CountDownLatch slowReadsStarted = new CountDownLatch(1);
    final AtomicInteger reading = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    volatile String slowId;
    volatile long readMillis;

    DeployedDefinitions() {
      super(null, null, null);
    }

    @Override
    List<ProcessDefinition> latest() {
      listings.incrementAndGet();
      return List.copyOf(deployed);
    }

    @Override
    Outcome read(final ProcessDefinition definition) {
      final int now = reading.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        if (definition.getProcessDefinitionId().equals(slowId)) {
          slowReadsStarted.countDown();
          slow.await();
        }
        Thread.sleep(readMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        reading.decrementAndGet();
      }
      return new Outcome.Offered(
          new CatalogItem(
              definition.getProcessDefinitionId(),
              definition.getProcessDefinitionKey(),
              1,
              definition.getProcessDefinitionId(),
              "Tests",
              "",
              List.of(),
              "",
              null,
              (int) definition.getProcessDefinitionKey(),
              List.of(),
              CatalogItem.Kind.REQUEST,
              null));
    }
  }
}
