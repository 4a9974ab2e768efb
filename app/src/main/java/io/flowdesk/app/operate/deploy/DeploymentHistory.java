package io.flowdesk.app.operate.deploy;

import io.flowdesk.app.audit.AdminAuditTrail;
import io.flowdesk.app.audit.AuditEntry;
import io.flowdesk.app.audit.AuditFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The latest deployments, read from the admin audit trail: the engine's {@code deployment.created}
 * entries (every client, Modeler included) joined by deployment key with the {@code
 * deployment.uploaded} entries of browser uploads, which name the person behind the app's client.
 * An upload whose every file was unchanged has no engine entry (the app's own unchanged re-deploys
 * are not audited), so it is listed from its upload entry as an unchanged duplicate.
 */
@Component
class DeploymentHistory {

  static final String CREATED = "deployment.created";

  private final AdminAuditTrail trail;

  DeploymentHistory(final AdminAuditTrail trail) {
    this.trail = trail;
  }

  /** One deployment: when, who, through which client, and each resource with what changed. */
  record Entry(
      Instant at, String who, String client, String deploymentKey, List<Change> resources) {}

  /** A deployed resource and what it was against the version before it. */
  record Change(String kind, String id, int version, String key, String file, String change) {

    public boolean isProcess() {
      return "process".equals(kind);
    }
  }

  List<Entry> latest(final int limit) {
    final Map<String, AuditEntry> uploads = new HashMap<>();
    for (final AuditEntry upload : entries(BrowserDeployments.UPLOADED, limit)) {
      uploads.putIfAbsent(key(upload), upload);
    }
    final List<Entry> history = new ArrayList<>();
    for (final AuditEntry created : entries(CREATED, limit)) {
      final AuditEntry upload = uploads.remove(key(created));
      final boolean unchanged = Boolean.TRUE.equals(created.after().get("unchanged"));
      history.add(
          new Entry(
              created.at(),
              upload == null ? created.actor() : upload.actor(),
              upload == null ? client(created) : "browser",
              key(created),
              changes(created, unchanged)));
    }
    uploads
        .values()
        .forEach(
            upload ->
                history.add(
                    new Entry(
                        upload.at(),
                        upload.actor(),
                        "browser",
                        key(upload),
                        changes(upload, true))));
    history.sort(Comparator.comparing(Entry::at).reversed());
    return history.size() > limit ? history.subList(0, limit) : history;
  }

  private List<AuditEntry> entries(final String action, final int limit) {
    return trail.page(new AuditFilter(null, action, null, null, null), 0, limit);
  }

  private static String key(final AuditEntry entry) {
    return String.valueOf(entry.after().get("deploymentKey"));
  }

  private static String client(final AuditEntry entry) {
    return entry.after().get("client") instanceof Map<?, ?> client
        ? String.valueOf(client.get("name"))
        : "";
  }

  @SuppressWarnings("unchecked")
  private static List<Change> changes(final AuditEntry entry, final boolean unchanged) {
    final Object listed = entry.after().get("resources");
    if (!(listed instanceof List<?> resources)) {
      return List.of();
    }
    return resources.stream()
        .map(r -> (Map<String, Object>) r)
        // A DMN file's decisions come with its requirements graph; list the file once.
        .filter(r -> !"decision".equals(r.get("kind")))
        .map(
            r -> {
              final int version = ((Number) r.get("version")).intValue();
              final boolean duplicate = unchanged || Boolean.TRUE.equals(r.get("duplicate"));
              return new Change(
                  String.valueOf(r.get("kind")),
                  String.valueOf(r.get("id")),
                  version,
                  String.valueOf(r.get("key")),
                  String.valueOf(r.get("resourceName")),
                  duplicate
                      ? "unchanged (duplicate of v" + version + ")"
                      : version == 1 ? "new" : "new version (previous v" + (version - 1) + ")");
            })
        .toList();
  }
}
