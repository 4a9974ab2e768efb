package io.flowdesk.domain.change;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data's view of {@code domain.change_request}; used by {@link ChangeRecords} only. */
interface ChangeRepository
    extends JpaRepository<ChangeRow, Long>, JpaSpecificationExecutor<ChangeRow> {

  Optional<ChangeRow> findByNumber(String number);

  Optional<ChangeRow> findFirstByProcessInstanceKey(long processInstanceKey);

  List<ChangeRow> findByProcessInstanceKeyIn(Collection<Long> processInstanceKeys);

  /** The row, locked until the transaction ends, so changes apply one after the other. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from ChangeRow c where c.id = :id")
  Optional<ChangeRow> lock(@Param("id") long id);

  /** The changes linked to an incident (INC…), newest first. */
  @Query(
      "select c from ChangeRow c join c.incidents i where i = :incident order by c.createdAt desc")
  List<ChangeRow> linkedToIncident(@Param("incident") String incidentNumber);

  Page<ChangeRow> findByStateIn(Collection<ChangeState> states, Pageable page);
}
