package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.PublishMessageResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import io.flowdesk.engine.test.SharedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Publications whose instances go on to wait for other messages: a publication correlates to its
 * first waiting instance in its own transaction, so that instance's next subscription would need a
 * second message lock while the first is held. Such publications neither deadlock nor correlate a
 * message twice or not at all; a command that does end in a deadlock is run again. The engine runs
 * on a database of its own, so that a test can hold a message lock the way a concurrent publication
 * of that message does.
 */
class MessageLockConformanceTest {

  private static HikariDataSource dataSource;
  private static Engine engine;
  private static CamundaClient client;

  @BeforeAll
  static void start() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(20);
    engine = EngineBootstrap.start(dataSource, EngineProperties.loopback(), new EngineClock());
    client = FlowdeskEngineExtension.client(engine, ClientProtocol.GRPC);
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
    dataSource.close();
  }

  /** {@code start -> catch first -> catch second -> end}, both keyed by {@code orderId}. */
  private static String deployTwoCatches(final String first, final String second) {
    final String id = Conformance.processId();
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent(
                first, e -> e.message(m -> m.name(first).zeebeCorrelationKeyExpression("orderId")))
            .intermediateCatchEvent(
                second,
                e -> e.message(m -> m.name(second).zeebeCorrelationKeyExpression("orderId")))
            .endEvent()
            .done();
    new Conformance(client).deploy(model);
    return id;
  }

  @Test
  void aMessageWhoseInstanceNextWaitsForAMessageBeingPublishedCorrelatesOnce() throws Exception {
    final String first = "first-" + Conformance.processId();
    final String second = "second-" + Conformance.processId();
    final long instance =
        new Conformance(client).start(deployTwoCatches(first, second), Map.of("orderId", "o-1"));

    final CompletableFuture<?> publication;
    try (Connection otherPublication = dataSource.getConnection()) {
      otherPublication.setAutoCommit(false);
      lockMessage(otherPublication, second, "o-1");
      publication =
          client
              .newPublishMessageCommand()
              .messageName(first)
              .correlationKey("o-1")
              .send()
              .toCompletableFuture();
      // Whatever the publication does while the other holds the lock, it must not fail.
      Thread.sleep(300);
      assertThat(publication).isNotCompletedExceptionally();
      otherPublication.commit();
    }
    publication.get();

    awaitPassed(instance, first);
    assertThat(correlations(instance, first)).isEqualTo(1);
    assertThat(correlations(instance, second)).isZero();
    client.newPublishMessageCommand().messageName(second).correlationKey("o-1").send().join();
    awaitCompleted(instance);
  }

  @Test
  void publicationsWhoseInstancesWaitForEachOthersMessagesAllCorrelateOnce() {
    final String first = "first-" + Conformance.processId();
    final String second = "second-" + Conformance.processId();
    final String firstThenSecond = deployTwoCatches(first, second);
    final String secondThenFirst = deployTwoCatches(second, first);
    final Conformance conformance = new Conformance(client);
    final List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      instances.add(conformance.start(firstThenSecond, Map.of("orderId", "o-" + i)));
      instances.add(conformance.start(secondThenFirst, Map.of("orderId", "o-" + i)));
    }

    // Both messages of a key at once: each instance's next subscription wants the lock of the
    // message the other publication holds. Buffered for a minute, so the message an instance
    // reaches later still waits for it.
    final List<CompletableFuture<?>> publications = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (final String name : List.of(first, second)) {
        publications.add(publish(name, "o-" + i));
      }
    }
    CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new)).join();

    instances.forEach(MessageLockConformanceTest::awaitCompleted);
    for (final long instance : instances) {
      assertThat(correlations(instance, first)).as("correlations of %s", first).isEqualTo(1);
      assertThat(correlations(instance, second)).as("correlations of %s", second).isEqualTo(1);
    }
  }

  @Test
  void publicationsSentTogetherCorrelateOnceEachAndTheRestStayBuffered() {
    final String message = "paid-" + Conformance.processId();
    final Conformance conformance = new Conformance(client);
    final String id = conformance.deployMessageCatch(message);
    final List<Long> first = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      first.add(conformance.start(id, Map.of("orderId", "o-" + i)));
    }

    // Two messages per key, all in flight at once, so that publications of one key share a
    // transaction: one correlates, the other must stay buffered for the next instance.
    final List<CompletableFuture<?>> publications = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      for (int i = 0; i < 50; i++) {
        publications.add(publish(message, "o-" + i));
      }
    }
    CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new)).join();
    assertThat(publications.stream().map(p -> ((PublishMessageResponse) p.join()).getMessageKey()))
        .doesNotHaveDuplicates();
    first.forEach(MessageLockConformanceTest::awaitCompleted);
    final List<Long> second = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      second.add(conformance.start(id, Map.of("orderId", "o-" + i)));
    }

    second.forEach(MessageLockConformanceTest::awaitCompleted);
    for (final long instance : concat(first, second)) {
      assertThat(correlations(instance, "paid")).as("correlations of %s", instance).isEqualTo(1);
    }
  }

  @Test
  void aPublicationThatWaitsForAnotherMessageLockDoesNotHoldUpThoseSentWithIt() throws Exception {
    final String first = "first-" + Conformance.processId();
    final String second = "second-" + Conformance.processId();
    final String id = deployTwoCatches(first, second);
    final Conformance conformance = new Conformance(client);
    final long held = conformance.start(id, Map.of("orderId", "held"));
    final List<Long> others = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      others.add(conformance.start(id, Map.of("orderId", "o-" + i)));
    }

    final List<CompletableFuture<?>> publications = new ArrayList<>();
    try (Connection otherPublication = dataSource.getConnection()) {
      otherPublication.setAutoCommit(false);
      lockMessage(otherPublication, second, "held");
      publications.add(publish(first, "held"));
      for (int i = 0; i < 30; i++) {
        publications.add(publish(first, "o-" + i));
      }
      // While the lock is held, the held instance cannot move on, the others can.
      for (final long instance : others) {
        awaitPassed(instance, first);
      }
      assertThat(publications).allSatisfy(p -> assertThat(p).isNotCompletedExceptionally());
      otherPublication.commit();
    }
    CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new)).join();

    awaitPassed(held, first);
    for (final long instance : concat(List.of(held), others)) {
      assertThat(correlations(instance, first)).as("correlations of %s", instance).isEqualTo(1);
    }
    // What the held publication wrote in the group was taken back before it published alone.
    assertThat(
            count(
                "SELECT count(*) FROM engine.message WHERE name = ? AND correlation_key = 'held'",
                first))
        .isEqualTo(1);
  }

  /** Publishes a message buffered for a minute, so that an instance reaching it later gets it. */
  private static CompletableFuture<?> publish(final String name, final String correlationKey) {
    return client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .toCompletableFuture();
  }

  private static List<Long> concat(final List<Long> some, final List<Long> more) {
    final List<Long> all = new ArrayList<>(some);
    all.addAll(more);
    return all;
  }

  @Test
  void aCommandThatPostgresqlAbortsToBreakADeadlockRunsAgain() throws Exception {
    final String id = Conformance.processId();
    final String message = "paid-" + id;
    final String jobType = "ship-" + id;
    new Conformance(client)
        .deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("ship", t -> t.zeebeJobType(jobType))
                .intermediateCatchEvent(
                    "paid",
                    e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId")))
                .endEvent()
                .done());
    final long instance = new Conformance(client).start(id, Map.of("orderId", "o-1"));
    final long job =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client
                        .newActivateJobsCommand()
                        .jobType(jobType)
                        .maxJobsToActivate(1)
                        .send()
                        .join()
                        .getJobs(),
                jobs -> !jobs.isEmpty())
            .get(0)
            .getKey();

    final CompletableFuture<?> completion;
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      // Only the completion may be the victim: PostgreSQL checks for a deadlock in the session
      // whose wait passes its deadlock_timeout first, and on a loaded machine this session's 1 s
      // could pass first although it started waiting later.
      try (Statement patient = other.createStatement()) {
        patient.execute("SET LOCAL deadlock_timeout = '30s'");
      }
      lockMessage(other, message, "o-1");
      // The completion locks the instance, then waits for the message lock of the subscription it
      // opens; the other transaction then waits for the instance: a deadlock PostgreSQL breaks by
      // aborting the completion, which waited first.
      completion = client.newCompleteCommand(job).send().toCompletableFuture();
      awaitOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
      try (PreparedStatement lockInstance =
          other.prepareStatement(
              "SELECT key FROM engine.process_instance WHERE key = ? FOR UPDATE")) {
        lockInstance.setLong(1, instance);
        lockInstance.execute();
      }
      other.rollback();
    }

    completion.get();
    client.newPublishMessageCommand().messageName(message).correlationKey("o-1").send().join();
    awaitCompleted(instance);
    assertThat(correlations(instance, "paid")).isEqualTo(1);
  }

  private static void lockMessage(
      final Connection connection, final String name, final String correlationKey)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
      lock.setString(1, name);
      lock.setString(2, correlationKey);
      lock.execute();
    }
  }

  private static long correlations(final long instance, final String elementId) {
    return count(
        "SELECT count(*) FROM engine.record WHERE process_instance_key = ?"
            + " AND value_type = 'PROCESS_MESSAGE_SUBSCRIPTION' AND intent = 'CORRELATED'"
            + " AND element_id = ?",
        instance,
        elementId);
  }

  private static void awaitPassed(final long instance, final String elementId) {
    awaitOne(
        "SELECT count(*) FROM engine.record WHERE process_instance_key = ?"
            + " AND element_id = ? AND intent = 'ELEMENT_COMPLETED'",
        instance,
        elementId);
  }

  private static void awaitCompleted(final long instance) {
    awaitOne(
        "SELECT count(*) FROM engine.process_instance WHERE key = ? AND state = 'COMPLETED'",
        instance);
  }

  private static void awaitOne(final String countQuery, final Object... parameters) {
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(countQuery, parameters) == 1);
  }

  private static long count(final String sql, final Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
