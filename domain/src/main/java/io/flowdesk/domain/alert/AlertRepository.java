package io.flowdesk.domain.alert;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data's view of {@code domain.monitoring_alert}; used by {@link MonitoringAlerts} only. */
interface AlertRepository extends JpaRepository<AlertRow, Long> {

  /** Adds the alert's row unless it exists, without failing a concurrent transaction. */
  @Modifying
  @Query(
      value =
          "INSERT INTO domain.monitoring_alert (source, fingerprint, status, summary,"
              + " first_fired_at, last_event_at) VALUES (:source, :fingerprint, 'FIRING', :summary,"
              + " :at, :at) ON CONFLICT (source, fingerprint) DO NOTHING",
      nativeQuery = true)
  int insertIfAbsent(
      @Param("source") String source,
      @Param("fingerprint") String fingerprint,
      @Param("summary") String summary,
      @Param("at") java.time.Instant at);

  /** The row, locked until the transaction ends, so deliveries of one alert apply in turn. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select a from AlertRow a where a.source = :source and a.fingerprint = :fingerprint")
  Optional<AlertRow> lock(@Param("source") String source, @Param("fingerprint") String fingerprint);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select a from AlertRow a where a.id = :id")
  Optional<AlertRow> lock(@Param("id") long id);

  Optional<AlertRow> findFirstByIncidentNumber(String incidentNumber);
}
