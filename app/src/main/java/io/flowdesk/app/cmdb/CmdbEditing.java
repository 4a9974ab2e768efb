package io.flowdesk.app.cmdb;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.InvalidCiException;
import io.flowdesk.domain.cmdb.Relationship;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.record.Actor;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Changes to the CMDB as the pages and the API make them: only by CMDB managers ({@link
 * CmdbAccess}), owners and support groups that the directory knows, then the domain's own checks.
 */
@Component
class CmdbEditing {

  private final Cmdb cmdb;
  private final CmdbAccess access;
  private final Directory directory;

  CmdbEditing(final Cmdb cmdb, final CmdbAccess access, final Directory directory) {
    this.cmdb = cmdb;
    this.access = access;
    this.directory = directory;
  }

  ConfigurationItem create(final CiDraft draft) {
    final Viewer viewer = access.manager();
    known(draft);
    return cmdb.create(draft, Actor.person(viewer.username()));
  }

  ConfigurationItem update(final UUID id, final CiDraft draft) {
    final Viewer viewer = access.manager();
    cmdb.get(id);
    known(draft);
    return cmdb.update(id, draft, Actor.person(viewer.username()));
  }

  Relationship relate(final UUID source, final RelationshipType type, final UUID target) {
    final Viewer viewer = access.manager();
    return cmdb.relate(source, type, target, Actor.person(viewer.username()));
  }

  void unrelate(final UUID ci, final long relationship) {
    final Viewer viewer = access.manager();
    cmdb.unrelate(ci, relationship, Actor.person(viewer.username()));
  }

  private void known(final CiDraft draft) {
    if (draft == null) {
      return;
    }
    if (draft.owner() != null
        && !draft.owner().isBlank()
        && directory.person(draft.owner().strip()).isEmpty()) {
      throw new InvalidCiException("owner", "there is no person " + draft.owner().strip());
    }
    if (draft.supportGroup() != null
        && !draft.supportGroup().isBlank()
        && directory.group(draft.supportGroup().strip()).isEmpty()) {
      throw new InvalidCiException(
          "supportGroup", "there is no assignment group " + draft.supportGroup().strip());
    }
  }
}
