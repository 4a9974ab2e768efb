package io.flowdesk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 10:01:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
  }

  @Test
  void missingOrUnreadableHeaderLeavesTheWaitToThePolicy() {
    assertThat(RetryAfter.parse(null, clock)).isNull();
    assertThat(RetryAfter.parse("soon", clock)).isNull();
    assertThat(RetryAfter.parse("-5", clock)).isNull();
  }

  @Test
  void backOffDoublesUpToTheCapAndAskedWaitsWin() {
    final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));

    assertThat(policy.delayAfter(1, null)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayAfter(2, null)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayAfter(3, null)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.delayAfter(2, Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(250));
    assertThat(policy.exceedsMaxDelay(Duration.ofSeconds(1))).isTrue();
    assertThat(policy.allowsAnotherAttempt(4)).isTrue();
    assertThat(policy.allowsAnotherAttempt(5)).isFalse();
  }
}
