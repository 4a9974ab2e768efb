package io.flowdesk.domain.problem;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data's view of {@code domain.problem}; used by {@link ProblemRecords} only. */
interface ProblemRepository
    extends JpaRepository<ProblemRow, Long>, JpaSpecificationExecutor<ProblemRow> {

  Optional<ProblemRow> findByNumber(String number);

  Optional<ProblemRow> findFirstByProcessInstanceKey(long processInstanceKey);

  List<ProblemRow> findByProcessInstanceKeyIn(Collection<Long> processInstanceKeys);

  /** The row, locked until the transaction ends, so changes apply one after the other. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from ProblemRow p where p.id = :id")
  Optional<ProblemRow> lock(@Param("id") long id);

  @Query(
      "select p from ProblemRow p join p.incidents i where i = :incident order by p.createdAt desc")
  List<ProblemRow> linkedToIncident(@Param("incident") String incidentNumber);

  @Query("select p from ProblemRow p join p.changes c where c = :change order by p.createdAt desc")
  List<ProblemRow> fixedBy(@Param("change") String changeNumber);

  /**
   * The known errors in these states about one of these CIs or this category (a null category
   * matches none), newest first.
   */
  @Query(
      "select distinct p from ProblemRow p left join p.affectedCis ci"
          + " where p.knownErrorSince is not null and p.state in :states"
          + " and (ci.ciId in :cis or p.category = :category)"
          + " order by p.knownErrorSince desc")
  List<ProblemRow> knownErrors(
      @Param("cis") Collection<java.util.UUID> cis,
      @Param("category") String category,
      @Param("states") Collection<ProblemState> states);
}
