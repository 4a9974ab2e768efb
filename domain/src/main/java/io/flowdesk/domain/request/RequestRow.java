package io.flowdesk.domain.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Table {@code domain.request} as JPA maps it; Flyway owns the schema (V7), Hibernate validates it.
 * Only changed columns are written ({@link DynamicUpdate}): the record core bumps {@code
 * updated_at} with its own SQL when a comment or file is added.
 */
@Entity
@Table(name = "request", schema = "domain")
@DynamicUpdate
class RequestRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false, length = 20)
  private String number;

  @Column(nullable = false, updatable = false, length = 64)
  private String requester;

  @Column(name = "requested_for", nullable = false, updatable = false, length = 64)
  private String requestedFor;

  @Column(name = "item_process_id", nullable = false, updatable = false)
  private String itemProcessId;

  @Column(name = "item_version", nullable = false, updatable = false)
  private int itemVersion;

  @Column(nullable = false, updatable = false)
  private String title;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, updatable = false)
  private Map<String, Object> answers;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private RequestState state;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private RequestStage stage;

  @Column(name = "due_at")
  private Instant dueAt;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected RequestRow() {}

  RequestRow(final String number, final NewRequest request, final Instant now) {
    this.number = number;
    this.requester = request.requester();
    this.requestedFor = request.requestedFor();
    this.itemProcessId = request.itemProcessId();
    this.itemVersion = request.itemVersion();
    this.title = request.title();
    this.answers = new LinkedHashMap<>(request.answers());
    this.state = RequestState.SUBMITTED;
    this.stage = RequestState.SUBMITTED.stage();
    // The database keeps microseconds; a finer instant would read back as a different one.
    this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    this.updatedAt = createdAt;
    this.dueAt =
        request.fulfilmentTarget() == null ? null : createdAt.plus(request.fulfilmentTarget());
  }

  long id() {
    return id;
  }

  RequestState state() {
    return state;
  }

  Long processInstanceKey() {
    return processInstanceKey;
  }

  void moveTo(final RequestState next, final Instant now) {
    this.state = next;
    this.stage = next.stage();
    this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
  }

  void started(final long key, final Instant now) {
    this.processInstanceKey = key;
    this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
  }

  Request view() {
    return new Request(
        id,
        number,
        requester,
        requestedFor,
        itemProcessId,
        itemVersion,
        title,
        answers,
        state,
        stage,
        dueAt,
        processInstanceKey,
        createdAt,
        updatedAt,
        version);
  }
}
