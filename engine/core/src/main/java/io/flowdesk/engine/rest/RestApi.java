package io.flowdesk.engine.rest;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.access.ApiSecurity;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.metrics.EngineMetrics;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the REST API servlet over the engine's command core; reads (searches, gets) query the
 * engine's tables directly.
 */
public final class RestApi {

  private RestApi() {}

  public static RestApiServlet servlet(
      final CommandCore core,
      final JdbcClient jdbc,
      final ApiAccess access,
      final ApiSecurity security) {
    return servlet(core, jdbc, access, security, EngineMetrics.NONE);
  }

  /** Builds the servlet as above, telling {@code metrics} of every call that reached a route. */
  public static RestApiServlet servlet(
      final CommandCore core,
      final JdbcClient jdbc,
      final ApiAccess access,
      final ApiSecurity security,
      final EngineMetrics metrics) {
    final Router router = new Router(metrics);
    final Search search = new Search(jdbc);
    final FormBodies forms = new FormBodies(jdbc);
    new ClusterEndpoints(core.topology()).register(router);
    new DeploymentEndpoints(core).register(router);
    new DefinitionEndpoints(search, jdbc, core.startForms(), forms).register(router);
    new ProcessInstanceEndpoints(core, search, jdbc).register(router);
    new BatchOperationEndpoints(core, search, jdbc).register(router);
    new ElementStatisticsEndpoints(jdbc, search).register(router);
    new CallHierarchyEndpoints(search, jdbc).register(router);
    new JobEndpoints(core, search).register(router);
    new IncidentEndpoints(core, search).register(router);
    new VariableEndpoints(core, search, new InstanceHistory(jdbc)).register(router);
    new DecisionEndpoints(core).register(router);
    new EventEndpoints(core.eventCommands()).register(router);
    new UserTaskEndpoints(core.eventCommands().userTasks(), search, forms).register(router);
    new AdHocActivityEndpoints(core).register(router);
    return new RestApiServlet(router, access, new CrossSiteGuard(security.allowedOrigins()));
  }
}
