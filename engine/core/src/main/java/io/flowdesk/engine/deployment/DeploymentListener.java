package io.flowdesk.engine.deployment;

import io.flowdesk.engine.access.ApiClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Told of every deployment and every resource deletion, with the client that asked for it, so that
 * the application hosting the engine can keep its own record (Flowdesk's admin audit trail) without
 * the engine knowing of it. Registered when the engine starts ({@code EngineBootstrap.start}, or as
 * Spring beans for the auto-configuration).
 *
 * <p>Called on the requesting thread inside the engine's transaction, after everything is written
 * and before it commits: what a listener writes to the engine's database through Spring's
 * transaction support joins that transaction, so the deployment and the listener's record commit
 * together or not at all. A listener that throws rolls the deployment (or deletion) back and the
 * client gets an internal error. A refused deployment (invalid resources, unknown key, running
 * instances) reaches no listener.
 */
public interface DeploymentListener {

  /** Resources were deployed, or a fully unchanged deployment answered their existing versions. */
  void deployed(Deployed deployment);

  /** A deployed resource version was deleted. */
  void deleted(Deleted deletion);

  /** What a deployment resource holds. */
  enum Kind {
    /** A process of a BPMN file (one file may hold several). */
    PROCESS,
    /** The decision requirements graph of a DMN file. */
    DECISION_REQUIREMENTS,
    /** A decision of a DMN file's graph. */
    DECISION,
    /** A Camunda form. */
    FORM
  }

  /**
   * One version a deployment answered.
   *
   * @param id the BPMN process id, decision requirements id, decision id or form id
   * @param resourceName the file it came from
   * @param duplicate true when the file was identical to the latest version and that version was
   *     answered again instead of a new one
   */
  record Resource(
      Kind kind, String id, int version, long key, String resourceName, boolean duplicate) {}

  /**
   * A deployment.
   *
   * @param caller the authenticated client that deployed
   * @param resources every version it answered, in the order of the deployment's answer
   */
  record Deployed(long deploymentKey, ApiClient caller, List<Resource> resources) {

    public Deployed {
      resources = List.copyOf(resources);
    }

    /** True when nothing changed: every resource answered an existing version. */
    public boolean unchanged() {
      return resources.stream().allMatch(Resource::duplicate);
    }

    /** The deployment that answered {@code deployed}; duplicate when nothing changed. */
    static Deployed of(
        final DeployedResources deployed, final boolean duplicate, final ApiClient caller) {
      final List<Resource> resources = new ArrayList<>();
      deployed
          .processes()
          .forEach(
              p ->
                  resources.add(
                      new Resource(
                          Kind.PROCESS,
                          p.bpmnProcessId(),
                          p.version(),
                          p.key(),
                          p.resourceName(),
                          duplicate)));
      final Map<Long, String> drgResources = new HashMap<>();
      deployed
          .decisionRequirements()
          .forEach(
              d -> {
                drgResources.put(d.key(), d.resourceName());
                resources.add(
                    new Resource(
                        Kind.DECISION_REQUIREMENTS,
                        d.decisionRequirementsId(),
                        d.version(),
                        d.key(),
                        d.resourceName(),
                        duplicate));
              });
      deployed
          .decisions()
          .forEach(
              d ->
                  resources.add(
                      new Resource(
                          Kind.DECISION,
                          d.decisionId(),
                          d.version(),
                          d.key(),
                          drgResources.get(d.decisionRequirementsKey()),
                          duplicate)));
      deployed
          .forms()
          .forEach(
              f ->
                  resources.add(
                      new Resource(
                          Kind.FORM,
                          f.formId(),
                          f.version(),
                          f.key(),
                          f.resourceName(),
                          duplicate)));
      return new Deployed(deployed.deploymentKey(), caller, resources);
    }
  }

  /**
   * A deletion of one resource version (a process, a decision requirements graph with its
   * decisions, a form).
   *
   * @param caller the authenticated client that deleted it
   */
  record Deleted(Kind kind, String id, int version, long key, ApiClient caller) {}
}
