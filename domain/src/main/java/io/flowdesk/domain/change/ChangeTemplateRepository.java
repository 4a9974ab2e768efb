package io.flowdesk.domain.change;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data's view of {@code domain.change_template}; used by {@link ChangeRecords} only. */
interface ChangeTemplateRepository extends JpaRepository<ChangeTemplateRow, String> {

  List<ChangeTemplateRow> findByActiveTrueOrderBySortOrderAscNameAsc();

  Optional<ChangeTemplateRow> findByIdAndActiveTrue(String id);
}
