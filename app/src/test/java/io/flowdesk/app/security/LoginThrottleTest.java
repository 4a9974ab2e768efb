package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.engine.test.SharedPostgres;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The throttle over the app's real schema, on a database of its own, with a clock the tests move:
 * delays are checked to the second without sleeping.
 */
class LoginThrottleTest {

  private static String url;

  private final SettableClock clock = new SettableClock();
  private final LoginThrottle throttle = new LoginThrottle(node(), clock);

  @BeforeAll
  static void appSchema() {
    url = SharedPostgres.newDatabase();
    Flyway.configure()
        .dataSource(url, SharedPostgres.user(), SharedPostgres.password())
        .schemas("flowdesk")
        .locations("classpath:db/migration/flowdesk")
        .load()
        .migrate();
  }

  @BeforeEach
  void noCounts() {
    node().sql("TRUNCATE flowdesk.sign_in_failure, flowdesk.sign_in_success").update();
  }

  /** A connection of its own, as another app node would have. */
  private static JdbcClient node() {
    final DataSource dataSource =
        new DriverManagerDataSource(url, SharedPostgres.user(), SharedPostgres.password());
    return JdbcClient.create(dataSource);
  }

  private void fail(final int times, final String username, final String address) {
    for (int i = 0; i < times; i++) {
      throttle.failed(username, address);
    }
  }

  @Test
  void fiveFailuresAreFreeThenThePairWaitsOneSecondDoublingUpToFiveMinutes() {
    fail(4, "alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();

    throttle.failed("alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();

    throttle.failed("alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    throttle.failed("alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(4));

    fail(10, "alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofMinutes(5));
  }

  @Test
  void anAttackerFailingFromOneAddressDoesNotKeepTheOwnerOutFromAnother() {
    fail(10, "alice", "10.0.0.66");

    assertThat(throttle.refusal("alice", "10.0.0.66")).isPresent();
    assertThat(throttle.refusal("alice", "192.168.1.20")).isEmpty();
    assertThat(throttle.refusal("bob", "10.0.0.66")).isEmpty();
  }

  @Test
  void theUsernameCountsWhateverItsCaseAndSurroundingSpaces() {
    fail(5, "Alice ", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.0.0.1")).isPresent();
  }

  @Test
  void failuresAreForgottenAnHourAfterTheLastOne() {
    fail(4, "alice", "10.0.0.1");
    clock.advance(Duration.ofHours(1));

    throttle.failed("alice", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void aSuccessClearsItsPair() {
    fail(4, "alice", "10.0.0.1");
    throttle.succeeded("alice", "10.0.0.1");

    throttle.failed("alice", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void guessingOneAccountFromManyAddressesSlowsNewAddressesBrieflyButNotTheOwnersUsualOne() {
    throttle.succeeded("alice", "192.168.1.20");
    IntStream.range(0, 60).forEach(n -> throttle.failed("alice", "10.1.0." + n));

    assertThat(throttle.refusal("alice", "10.2.0.1"))
        .hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(30)));
    assertThat(throttle.refusal("alice", "192.168.1.20")).isEmpty();
    assertThat(throttle.refusal("bob", "10.2.0.1")).isEmpty();
  }

  @Test
  void oneAddressTryingManyUsernamesIsSlowedExceptForPeopleWhoSignedInThere() {
    throttle.succeeded("bob", "10.0.0.1");
    IntStream.range(0, 30).forEach(n -> throttle.failed("sprayed." + n, "10.0.0.1"));

    assertThat(throttle.refusal("carol", "10.0.0.1")).contains(Duration.ofSeconds(1));
    assertThat(throttle.refusal("bob", "10.0.0.1")).isEmpty();
    assertThat(throttle.refusal("carol", "10.0.0.2")).isEmpty();
  }

  @Test
  void aRememberedAddressIsStillSubjectToItsOwnPairCount() {
    throttle.succeeded("alice", "10.0.0.1");

    fail(5, "alice", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
  }

  @Test
  void twoNodesOnOneDatabaseSeeEachOthersFailures() {
    final LoginThrottle otherNode = new LoginThrottle(node(), clock);

    fail(3, "alice", "10.0.0.1");
    otherNode.failed("alice", "10.0.0.1");
    otherNode.failed("alice", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
    assertThat(otherNode.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));

    otherNode.succeeded("alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void concurrentFailuresAreAllCounted() throws Exception {
    final ExecutorService nodes = Executors.newFixedThreadPool(4);
    try {
      final var failures =
          IntStream.range(0, 8)
              .mapToObj(
                  n ->
                      nodes.submit(
                          () -> new LoginThrottle(node(), clock).failed("alice", "10.0.0.1")))
              .toList();
      for (final Future<?> failure : failures) {
        failure.get();
      }
    } finally {
      nodes.shutdown();
    }

    // The 5th failure waits 1 s, each further one doubles: 8 failures wait 8 s.
    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(8));
  }

  @Test
  void forgottenCountsAreDeletedAtALaterFailure() {
    fail(3, "alice", "10.0.0.1");
    throttle.succeeded("bob", "10.0.0.2");
    clock.advance(LoginThrottle.REMEMBER_SUCCESS);

    throttle.failed("carol", "10.0.0.3");

    assertThat(rows("sign_in_failure")).isEqualTo(3);
    assertThat(rows("sign_in_success")).isZero();
  }

  private static long rows(final String table) {
    return node().sql("SELECT count(*) FROM flowdesk." + table).query(Long.class).single();
  }
}
