package io.flowdesk.domain.cmdb;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data's view of {@code domain.ci_relationship}; used by {@link Cmdb} only. */
interface RelationshipRepository extends JpaRepository<RelationshipRow, Long> {

  boolean existsBySourceIdAndTypeAndTargetId(UUID sourceId, RelationshipType type, UUID targetId);

  /** The CI's relationships either way, with both ends' names; outgoing first, then by name. */
  @Query(
      "select new io.flowdesk.domain.cmdb.Relationship(r.id, s.id, s.name, s.className, r.type,"
          + " t.id, t.name, t.className, r.createdBy, r.createdAt)"
          + " from RelationshipRow r, CiRow s, CiRow t"
          + " where s.id = r.sourceId and t.id = r.targetId"
          + " and (r.sourceId = :id or r.targetId = :id)"
          + " order by case when r.sourceId = :id then 0 else 1 end, r.type, s.name, t.name")
  List<Relationship> of(@Param("id") UUID id);
}
