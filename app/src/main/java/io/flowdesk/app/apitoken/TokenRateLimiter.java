package io.flowdesk.app.apitoken;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per personal token, in this node's memory: {@code perSecond} calls a second on
 * average, up to {@code burst} at once. With several nodes each allows that much (a client spread
 * over n nodes gets up to n times the rate); that bounds what one leaked or runaway token can cost
 * without a shared store on every call. There is a bucket per token used on this node since its
 * start (a person has at most {@value PersonalTokens#MAX_ACTIVE_PER_PERSON} active tokens);
 * revoking on this node drops the token's bucket.
 */
public class TokenRateLimiter {

  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenRateLimiter(final double perSecond, final int burst, final Clock clock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException(
          "flowdesk.api.token-rate-limit needs per-second > 0 and burst >= 1, not "
              + perSecond
              + " and "
              + burst);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** Takes one call from the token's bucket; empty when allowed, else how long to wait. */
  public Optional<Duration> take(final String tokenId) {
    final long nowNanos = nanos();
    return buckets.computeIfAbsent(tokenId, id -> new Bucket(burst, nowNanos)).take(nowNanos);
  }

  public void forget(final String tokenId) {
    buckets.remove(tokenId);
  }

  private long nanos() {
    final java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private double tokens;
    private long updatedNanos;

    Bucket(final double tokens, final long updatedNanos) {
      this.tokens = tokens;
      this.updatedNanos = updatedNanos;
    }

    synchronized Optional<Duration> take(final long nowNanos) {
      final long elapsed = Math.max(0, nowNanos - updatedNanos);
      tokens = Math.min(burst, tokens + elapsed * perSecond / 1e9);
      updatedNanos = Math.max(updatedNanos, nowNanos);
      if (tokens >= 1) {
        tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
    }
  }
}
