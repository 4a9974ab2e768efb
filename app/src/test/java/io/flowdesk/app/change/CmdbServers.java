package io.flowdesk.app.change;

import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.record.Actor;
import java.util.Map;

/** The servers change tests name: changes take CIs of the CMDB, so they must exist there. */
final class CmdbServers {

  private CmdbServers() {}

  static void ensure(final Cmdb cmdb, final String... names) {
    for (final String name : names) {
      if (cmdb.findByName("server", name).isEmpty()) {
        cmdb.create(
            new CiDraft(
                "server",
                name,
                null,
                null,
                Environment.PRODUCTION,
                LifecycleStatus.IN_SERVICE,
                null,
                null,
                Map.of()),
            Actor.person("manager.maria"));
      }
    }
  }
}
