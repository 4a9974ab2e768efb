package io.flowdesk.domain.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.TransitionRefusedException;
import io.flowdesk.engine.test.SharedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Request records as a Spring Boot application gets them: JPA on the domain's own schema. */
class RequestRecordsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static RequestRecords requests;
  static final Actor ALICE = Actor.person("alice");

  @BeforeAll
  static void start() {
    context =
        new SpringApplicationBuilder(DomainApp.class)
            .web(WebApplicationType.NONE)
            .run(
                "--spring.datasource.url=" + SharedPostgres.newDatabase(),
                "--spring.datasource.username=" + SharedPostgres.user(),
                "--spring.datasource.password=" + SharedPostgres.password(),
                "--spring.flyway.enabled=false",
                "--flowdesk.secrets.key=" + "A".repeat(43) + "=");
    requests = context.getBean(RequestRecords.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static NewRequest laptop(final String requester, final String requestedFor) {
    final Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("model", "14-inch");
    answers.put("cost", 1200);
    answers.put("note", null);
    return new NewRequest(
        requester, requestedFor, "new-laptop", 3, "New laptop", answers, Duration.ofDays(5));
  }

  @Test
  void aSubmittedRequestHasTheNextNumberItsAnswersADueDateAndAnAuditTrail() {
    final Request first = requests.submit(laptop("alice", "alice"), ALICE);
    final Request second = requests.submit(laptop("alice", "bob"), ALICE);

    assertThat(first.number()).matches("REQ\\d{7}");
    assertThat(Long.parseLong(second.number().substring(3)))
        .isEqualTo(Long.parseLong(first.number().substring(3)) + 1);
    final Request read = requests.findByNumber(first.number()).orElseThrow();
    assertThat(read.state()).isEqualTo(RequestState.SUBMITTED);
    assertThat(read.stage()).isEqualTo(RequestStage.SUBMITTED);
    assertThat(read.answers()).containsEntry("model", "14-inch").containsEntry("cost", 1200);
    assertThat(read.answers()).containsKey("note");
    assertThat(read.itemProcessId()).isEqualTo("new-laptop");
    assertThat(read.itemVersion()).isEqualTo(3);
    assertThat(read.dueAt()).isEqualTo(read.createdAt().plus(5, ChronoUnit.DAYS));
    assertThat(requests.auditTrail(read.id()))
        .extracting(AuditEntry::field)
        .containsExactly("number", "state", "requester", "requestedFor", "item", "dueAt");
  }

  @Test
  void theStateFollowsTheLifeCycleAndAJobMovesItOnce() {
    final Request request = requests.submit(laptop("alice", "alice"), ALICE);

    final RequestRecords.Moved first =
        requests.moveTo(request.id(), RequestState.AWAITING_APPROVAL, null, Actor.job(41));
    final RequestRecords.Moved again =
        requests.moveTo(request.id(), RequestState.AWAITING_APPROVAL, null, Actor.job(41));
    final RequestRecords.Moved fulfilled =
        requests.moveTo(request.id(), RequestState.FULFILLED, "Delivered to desk 4", Actor.job(42));
    final RequestRecords.Moved repeated =
        requests.moveTo(request.id(), RequestState.FULFILLED, "Delivered to desk 4", Actor.job(42));

    assertThat(first.changed()).isTrue();
    assertThat(first.request().stage()).isEqualTo(RequestStage.APPROVAL);
    assertThat(again.changed()).isFalse();
    assertThat(fulfilled.request().state()).isEqualTo(RequestState.FULFILLED);
    assertThat(repeated.changed()).isFalse();
    // The approval job retried late, after the request moved on: answered, nothing changes.
    final RequestRecords.Moved late =
        requests.moveTo(request.id(), RequestState.AWAITING_APPROVAL, null, Actor.job(41));
    assertThat(late.changed()).isFalse();
    assertThat(late.request().state()).isEqualTo(RequestState.FULFILLED);
    assertThat(requests.journal(request.id(), false))
        .extracting(JournalEntry::text)
        .containsExactly("Delivered to desk 4");
    assertThat(
            requests.auditTrail(request.id()).stream()
                .filter(entry -> entry.field().equals("state") && entry.oldValue() != null))
        .extracting(AuditEntry::newValue)
        .containsExactly("AWAITING_APPROVAL", "FULFILLED");
    assertThatThrownBy(() -> requests.cancel(request.id(), null, ALICE))
        .isInstanceOf(TransitionRefusedException.class)
        .hasMessage("request " + request.number() + " cannot go from FULFILLED to CANCELED");
  }

  @Test
  void aCanceledRequestIsClosedAndFinal() {
    final Request request = requests.submit(laptop("alice", "alice"), ALICE);

    final Request canceled = requests.cancel(request.id(), "Not needed any more", ALICE);

    assertThat(canceled.state()).isEqualTo(RequestState.CANCELED);
    assertThat(canceled.stage()).isEqualTo(RequestStage.CLOSED);
    assertThatThrownBy(
            () -> requests.moveTo(request.id(), RequestState.IN_FULFILMENT, null, Actor.job(7)))
        .isInstanceOf(TransitionRefusedException.class);
    assertThat(requests.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.CANCELED);
  }

  @Test
  void myRequestsAreThoseIOrderedAndThoseOrderedForMe() {
    final Request forCarl = requests.submit(laptop("dana", "carl"), Actor.person("dana"));
    final Request byCarl = requests.submit(laptop("carl", "carl"), Actor.person("carl"));
    requests.submit(laptop("dana", "dana"), Actor.person("dana"));
    requests.moveTo(byCarl.id(), RequestState.IN_FULFILMENT, null, Actor.job(99));

    final PageRequest page = PageRequest.of(0, 10, Sort.by(Sort.Direction.DESC, "createdAt"));
    assertThat(requests.concerning("carl", Set.of(), page).getContent())
        .extracting(Request::number)
        .containsExactlyInAnyOrder(forCarl.number(), byCarl.number());
    assertThat(requests.concerning("carl", Set.of(RequestState.IN_FULFILMENT), page).getContent())
        .extracting(Request::number)
        .containsExactly(byCarl.number());
  }

  @Test
  void commentsWorkNotesAndAttachmentsGoThroughTheRecordCore() {
    final Request request = requests.submit(laptop("alice", "alice"), ALICE);

    requests.addJournalEntry(request.id(), JournalKind.COMMENT, "Any news?", ALICE);
    requests.addJournalEntry(
        request.id(), JournalKind.WORK_NOTE, "Supplier delayed", Actor.person("ann"));
    requests.attach(
        request.id(),
        "quote.txt",
        "text/plain",
        new ByteArrayInputStream("1200".getBytes(StandardCharsets.UTF_8)),
        ALICE);

    assertThat(requests.journal(request.id(), false))
        .extracting(JournalEntry::text)
        .containsExactly("Any news?");
    assertThat(requests.journal(request.id(), true)).hasSize(2);
    final long attachmentId = requests.attachments(request.id()).get(0).id();
    assertThat(requests.attachmentContent(request.id(), attachmentId))
        .hasValueSatisfying(bytes -> assertThat(new String(bytes)).isEqualTo("1200"));
    final List<AuditEntry> trail = requests.auditTrail(request.id());
    assertThat(trail).extracting(AuditEntry::field).contains("comment", "workNote", "attachment");
    assertThat(trail)
        .filteredOn(entry -> entry.field().equals("workNote"))
        .extracting(AuditEntry::newValue)
        .containsOnlyNulls();
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() {
    final long before = requests.all(Set.of(), PageRequest.of(0, 1)).getTotalElements();

    assertThatThrownBy(
            () ->
                requests.submit(
                    new NewRequest("alice", " ", "new-laptop", 1, "New laptop", Map.of(), null),
                    ALICE))
        .hasMessage("requestedFor is required");
    assertThatThrownBy(
            () ->
                requests.submit(
                    new NewRequest("alice", "alice", "x", 1, "t".repeat(256), Map.of(), null),
                    ALICE))
        .hasMessageContaining("title is too long");
    assertThat(requests.all(Set.of(), PageRequest.of(0, 1)).getTotalElements()).isEqualTo(before);
  }

  @Test
  void theIncidentRecordsStillWorkBesideJpa() {
    assertThat(context.getBean(IncidentRecords.class)).isNotNull();
  }
}
