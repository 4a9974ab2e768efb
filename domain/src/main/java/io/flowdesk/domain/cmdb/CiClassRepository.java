package io.flowdesk.domain.cmdb;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data's view of {@code domain.ci_class}; used by {@link Cmdb} only. */
interface CiClassRepository extends JpaRepository<CiClassRow, String> {}
