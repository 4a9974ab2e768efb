package io.flowdesk.domain.request;

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

/** Spring Data's view of {@code domain.request}; used by {@link RequestRecords} only. */
interface RequestRepository
    extends JpaRepository<RequestRow, Long>, JpaSpecificationExecutor<RequestRow> {

  Optional<RequestRow> findByNumber(String number);

  List<RequestRow> findByNumberIn(Collection<String> numbers);

  Optional<RequestRow> findFirstByProcessInstanceKey(long processInstanceKey);

  /** The row, locked until the transaction ends, so changes apply one after the other. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select r from RequestRow r where r.id = :id")
  Optional<RequestRow> lock(@Param("id") long id);

  @Query(
      "select r from RequestRow r where (r.requester = :username or r.requestedFor = :username)"
          + " and r.state in :states")
  Page<RequestRow> concerning(
      @Param("username") String username,
      @Param("states") Collection<RequestState> states,
      Pageable page);

  Page<RequestRow> findByStateIn(Collection<RequestState> states, Pageable page);
}
