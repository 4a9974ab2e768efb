package io.flowdesk.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.domain.TestDatabase;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {

  static DeliveryLog log;
  static final AtomicLong JOB_KEYS = new AtomicLong(1000);

  @BeforeAll
  static void database() {
    log = new DeliveryLog(TestDatabase.migrated());
  }

  @Test
  void aFirstClaimCreatesAPendingDelivery() {
    final long job = JOB_KEYS.incrementAndGet();

    final Delivery delivery = log.claim(job, "email", "ops@example.com");

    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(log.ofJob(job)).containsExactly(delivery);
  }

  @Test
  void aSentDeliveryIsAnsweredUnchangedOnTheNextClaim() {
    final long job = JOB_KEYS.incrementAndGet();
    final Delivery claimed = log.claim(job, "sms", "+41790000000");
    log.markSent(claimed.id(), "SM123");

    final Delivery again = log.claim(job, "sms", "+41790000000");

    assertThat(again.isSent()).isTrue();
    assertThat(again.providerId()).isEqualTo("SM123");
    assertThat(again.attempts()).isEqualTo(1);
  }

  @Test
  void aFailedDeliveryIsClaimedAgainWithOneMoreAttempt() {
    final long job = JOB_KEYS.incrementAndGet();
    final Delivery claimed = log.claim(job, "email", "ops@example.com");
    final Delivery failed = log.markFailed(claimed.id(), "SMTP server unreachable");
    assertThat(failed.lastError()).isEqualTo("SMTP server unreachable");

    final Delivery again = log.claim(job, "email", "ops@example.com");

    assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.id()).isEqualTo(claimed.id());
  }

  @Test
  void eachRecipientAndChannelOfAJobIsItsOwnDelivery() {
    final long job = JOB_KEYS.incrementAndGet();
    log.markSent(log.claim(job, "email", "a@example.com").id(), "<m1@x>");
    log.claim(job, "email", "b@example.com");
    log.claim(job, "sms", "a@example.com");

    assertThat(log.ofJob(job))
        .extracting(Delivery::recipient, Delivery::channel, Delivery::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a@example.com", "email", DeliveryStatus.SENT),
            org.assertj.core.groups.Tuple.tuple("b@example.com", "email", DeliveryStatus.PENDING),
            org.assertj.core.groups.Tuple.tuple("a@example.com", "sms", DeliveryStatus.PENDING));
  }

  @Test
  void recentListsTheLatestChangedFirstFilteredByStatusAndChannelInPages() {
    final long job = JOB_KEYS.incrementAndGet();
    final Delivery first = log.claim(job, "pager", "first");
    final Delivery second = log.claim(job, "pager", "second");
    final Delivery third = log.claim(job, "pager", "third");
    log.claim(job, "other-channel", "elsewhere");
    log.markSent(first.id(), "P-1");
    log.markFailed(third.id(), "pager gateway down");

    assertThat(log.recent(null, "pager", 0, 10))
        .extracting(Delivery::recipient)
        .containsExactly("third", "first", "second");
    assertThat(log.recent(null, "pager", 1, 1))
        .extracting(Delivery::recipient)
        .containsExactly("first");
    assertThat(log.recent(DeliveryStatus.FAILED, "pager", 0, 10))
        .extracting(Delivery::recipient, Delivery::lastError)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("third", "pager gateway down"));
    assertThat(log.recent(DeliveryStatus.PENDING, null, 0, 10))
        .extracting(Delivery::recipient)
        .contains("elsewhere", "second")
        .doesNotContain("first", "third");
    assertThat(log.channels()).contains("other-channel", "pager");
  }

  @Test
  void recentRefusesAPageSizeOutOfRange() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> log.recent(null, null, 0, DeliveryLog.MAX_PAGE_SIZE + 1))
        .withMessageContaining("page size 501");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> log.recent(null, null, -1, 10))
        .withMessageContaining("offset -1");
  }
}
