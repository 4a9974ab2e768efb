package io.flowdesk.domain.cmdb;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data's view of {@code domain.ci}; used by {@link Cmdb} only. */
interface CiRepository extends JpaRepository<CiRow, UUID>, JpaSpecificationExecutor<CiRow> {

  boolean existsByClassNameAndName(String className, String name);

  Optional<CiRow> findByClassNameAndName(String className, String name);

  List<CiRow> findByNameIgnoreCaseOrderByClassName(String name);

  /** The row, locked until the transaction ends, so changes apply one after the other. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from CiRow c where c.id = :id")
  Optional<CiRow> lock(@Param("id") UUID id);
}
