package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final SettableClock clock = new SettableClock();
  private final LoginThrottle throttle = new LoginThrottle(clock);

  private void fail(final int times, final String username, final String address) {
    for (int i = 0; i < times; i++) {
      throttle.failed(username, address);
      clock.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void fourFailuresAreFreeTheFifthBlocksForThirtySeconds() {
    fail(4, "alice", "10.0.0.1");
    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();

    throttle.failed("alice", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    assertThat(throttle.refusal("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void eachFurtherFailureDoublesTheDelayUpToFifteenMinutes() {
    fail(5, "alice", null);
    clock.advance(Duration.ofSeconds(30));
    throttle.failed("alice", null);
    assertThat(throttle.refusal("alice", null)).contains(Duration.ofMinutes(1));

    clock.advance(Duration.ofMinutes(1));
    throttle.failed("alice", null);
    assertThat(throttle.refusal("alice", null)).contains(Duration.ofMinutes(2));

    for (int i = 0; i < 6; i++) {
      throttle.failed("alice", null);
    }
    assertThat(throttle.refusal("alice", null)).contains(Duration.ofMinutes(15));
  }

  @Test
  void failuresOlderThanFifteenMinutesNoLongerCount() {
    fail(4, "alice", null);
    clock.advance(Duration.ofMinutes(15));

    throttle.failed("alice", null);

    assertThat(throttle.refusal("alice", null)).isEmpty();
  }

  @Test
  void theUsernameIsThrottledFromEveryAddressAndTheAddressForEveryUsername() {
    fail(5, "alice", "10.0.0.1");

    assertThat(throttle.refusal("alice", "10.9.9.9")).isPresent();
    assertThat(throttle.refusal("ALICE ", "10.9.9.9")).isPresent();
    assertThat(throttle.refusal("bob", "10.0.0.1")).isPresent();
    assertThat(throttle.refusal("bob", "10.9.9.9")).isEmpty();
  }

  @Test
  void unknownUsernamesAreThrottledLikeKnownOnes() {
    fail(5, "no.such.user", null);

    assertThat(throttle.refusal("no.such.user", null)).contains(Duration.ofSeconds(29));
  }

  @Test
  void successClearsTheUsernameButNotTheAddress() {
    fail(4, "alice", "10.0.0.1");
    throttle.succeeded("alice");
    fail(4, "alice", "10.0.0.2");
    assertThat(throttle.refusal("alice", "10.0.0.3")).isEmpty();

    fail(1, "bob", "10.0.0.1");

    assertThat(throttle.refusal("carol", "10.0.0.1")).isPresent();
  }

  /** A clock the test moves forward. */
  private static final class SettableClock extends Clock {
    private Instant now = Instant.parse("2025-03-10T09:00:00Z");

    void advance(final Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
