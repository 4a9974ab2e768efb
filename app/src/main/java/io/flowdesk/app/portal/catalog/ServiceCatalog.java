package io.flowdesk.app.portal.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.flowdesk.app.forms.FormExpressions;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service catalog: the latest version of every deployed process that declares itself a catalog
 * item, grouped by category. Read through the camunda client, so a deployment from Modeler shows up
 * within {@code flowdesk.portal.catalog-refresh} (default 5 s) without a restart, and a new version
 * replaces its item. One bad item never breaks the catalog: it is left out and listed in {@link
 * #broken()} with the reason.
 *
 * <p>Reading a deployment of many new items takes a while (an XML and a form per item), so pages
 * never wait for it: once the catalog was read, a page gets the catalog as read last while one
 * refresh at a time runs in the background, reading new definitions a few at a time ({@code
 * flowdesk.portal.catalog-read-parallelism}, default 6). Only the very first read is waited for, so
 * that the first page already offers every item.
 */
@Component
public class ServiceCatalog implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCatalog.class);

  /** The items of one category, in catalog order. */
  public record Category(String title, List<CatalogItem> items) {

    /** A stable id for the page's anchors. */
    public String id() {
      return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
  }

  private record Snapshot(List<CatalogItem> items, List<BrokenItem> broken, Instant readAt) {}

  private final CatalogItemReader reader;
  private final Directory directory;
  private final Duration refresh;
  private final Clock clock;
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(daemons("refresh"));
  private final ExecutorService itemReads;
  // Definitions never change, so what was read for a key stays true; entries go when the key is
  // no longer the latest version.
  private final Map<Long, CatalogItemReader.Outcome> byDefinitionKey = new ConcurrentHashMap<>();
  // Null until the first read ended.
  private volatile Snapshot snapshot;
  private final AtomicReference<CompletableFuture<Snapshot>> refreshing = new AtomicReference<>();

  @Autowired
  ServiceCatalog(
      final CamundaClient client,
      final FormExpressions expressions,
      final ObjectMapper json,
      final Directory directory,
      @Value("${flowdesk.portal.catalog-refresh:PT5S}") final Duration refresh,
      @Value("${flowdesk.portal.catalog-read-parallelism:6}") final int parallelism) {
    this(
        new CatalogItemReader(client, expressions, json),
        directory,
        refresh,
        Clock.systemUTC(),
        parallelism);
  }

  ServiceCatalog(
      final CatalogItemReader reader,
      final Directory directory,
      final Duration refresh,
      final Clock clock,
      final int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "flowdesk.portal.catalog-read-parallelism must be at least 1, was " + parallelism);
    }
    this.reader = reader;
    this.directory = directory;
    this.refresh = refresh;
    this.clock = clock;
    this.itemReads = Executors.newFixedThreadPool(parallelism, daemons("read"));
  }

  /**
   * The categories with the items this person may order, matching {@code query} (every word in
   * title, description or keywords; blank for all). Items by {@code catalog.order}, then title;
   * categories by their first item, so the analyst's order decides both.
   */
  public List<Category> categories(final Viewer viewer, final String query) {
    final Map<String, List<CatalogItem>> byCategory = new LinkedHashMap<>();
    current().items().stream()
        .filter(item -> item.offeredTo(viewer))
        .filter(item -> query == null || query.isBlank() || item.matches(query))
        .sorted(
            Comparator.comparingInt(CatalogItem::order)
                .thenComparing(CatalogItem::title, String.CASE_INSENSITIVE_ORDER))
        .forEach(
            item -> byCategory.computeIfAbsent(item.category(), c -> new ArrayList<>()).add(item));
    return byCategory.entrySet().stream()
        .map(entry -> new Category(entry.getKey(), List.copyOf(entry.getValue())))
        .toList();
  }

  /** The orderable item of this process id, whoever may order it. */
  public Optional<CatalogItem> item(final String processId) {
    return current().items().stream()
        .filter(item -> item.processId().equals(processId))
        .findFirst();
  }

  /** Every orderable item, whoever may order it, by process id. */
  public List<CatalogItem> offered() {
    return current().items().stream().sorted(Comparator.comparing(CatalogItem::processId)).toList();
  }

  /** Items that declare themselves but cannot be offered, by process id. */
  public List<BrokenItem> broken() {
    return current().broken();
  }

  private Snapshot current() {
    final Snapshot seen = snapshot;
    if (seen != null && seen.readAt().plus(refresh).isAfter(clock.instant())) {
      return seen;
    }
    final CompletableFuture<Snapshot> running = refresh();
    return seen != null ? seen : running.join();
  }

  /** The refresh under way, or a new one: never two at once. */
  private CompletableFuture<Snapshot> refresh() {
    while (true) {
      final CompletableFuture<Snapshot> running = refreshing.get();
      if (running != null) {
        return running;
      }
      final CompletableFuture<Snapshot> mine = new CompletableFuture<>();
      if (refreshing.compareAndSet(null, mine)) {
        try {
          refresher.execute(() -> refreshInto(mine));
        } catch (RejectedExecutionException stopping) {
          refreshInto(mine);
        }
        return mine;
      }
    }
  }

  private void refreshInto(final CompletableFuture<Snapshot> mine) {
    try {
      Snapshot read;
      try {
        read = read();
      } catch (RuntimeException engineUnavailable) {
        // Keep offering what was read last; try again after the next interval.
        LOG.warn("Service catalog not refreshed: {}", engineUnavailable.toString());
        final Snapshot last = snapshot;
        read =
            last == null
                ? new Snapshot(List.of(), List.of(), clock.instant())
                : new Snapshot(last.items(), last.broken(), clock.instant());
      }
      snapshot = read;
      refreshing.compareAndSet(mine, null);
      mine.complete(read);
    } catch (Throwable failed) {
      refreshing.compareAndSet(mine, null);
      mine.completeExceptionally(failed);
    }
  }

  private Snapshot read() {
    final List<ProcessDefinition> latest = reader.latest();
    final Set<String> knownNames = audienceNames();
    final List<CompletableFuture<CatalogItemReader.Outcome>> outcomes =
        latest.stream().map(this::outcome).toList();
    final List<CatalogItem> items = new ArrayList<>();
    final List<BrokenItem> broken = new ArrayList<>();
    for (int i = 0; i < latest.size(); i++) {
      final ProcessDefinition definition = latest.get(i);
      final CatalogItemReader.Outcome outcome = outcomes.get(i).join();
      if (outcome instanceof CatalogItemReader.Outcome.Broken b) {
        broken.add(b.item());
      } else if (outcome instanceof CatalogItemReader.Outcome.Offered offered) {
        final List<String> unknown =
            offered.item().audience().stream().filter(name -> !knownNames.contains(name)).toList();
        if (unknown.isEmpty()) {
          items.add(offered.item());
        } else {
          broken.add(
              CatalogItemReader.broken(
                      definition,
                      "catalog.audience names no known role or group: "
                          + String.join(", ", unknown))
                  .item());
        }
      }
    }
    byDefinitionKey
        .keySet()
        .retainAll(
            latest.stream()
                .map(ProcessDefinition::getProcessDefinitionKey)
                .collect(Collectors.toSet()));
    broken.sort(Comparator.comparing(BrokenItem::processId));
    return new Snapshot(List.copyOf(items), List.copyOf(broken), clock.instant());
  }

  /** What was read for the definition, or its reading, a few at a time. */
  private CompletableFuture<CatalogItemReader.Outcome> outcome(final ProcessDefinition definition) {
    final CatalogItemReader.Outcome known =
        byDefinitionKey.get(definition.getProcessDefinitionKey());
    return known != null
        ? CompletableFuture.completedFuture(known)
        : CompletableFuture.supplyAsync(() -> readItem(definition), itemReads);
  }

  private CatalogItemReader.Outcome readItem(final ProcessDefinition definition) {
    try {
      final CatalogItemReader.Outcome read = reader.read(definition);
      byDefinitionKey.put(definition.getProcessDefinitionKey(), read);
      return read;
    } catch (RuntimeException unreadable) {
      // Not kept: the engine may answer next time.
      LOG.warn(
          "Catalog item {} (definition {}) not read: {}",
          definition.getProcessDefinitionId(),
          definition.getProcessDefinitionKey(),
          unreadable.toString());
      return CatalogItemReader.broken(definition, "could not be read: " + unreadable.getMessage());
    }
  }

  private Set<String> audienceNames() {
    final Set<String> names =
        directory.groups().stream().map(AssignmentGroup::name).collect(Collectors.toSet());
    Arrays.stream(Role.values()).map(Role::name).forEach(names::add);
    return names;
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
    itemReads.shutdownNow();
  }

  private static ThreadFactory daemons(final String what) {
    final AtomicInteger threads = new AtomicInteger();
    return task -> {
      final Thread thread = new Thread(task, "catalog-" + what + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
