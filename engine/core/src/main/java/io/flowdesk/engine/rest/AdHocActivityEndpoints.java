package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.execution.AdHocActivation;
import io.flowdesk.engine.support.Rejection;
import java.util.List;

/**
 * {@code POST /element-instances/ad-hoc-activities/{key}/activation}: activates elements of a
 * running ad-hoc sub-process, as Camunda 8.8's REST API does (204; 404 for a key that is no active
 * ad-hoc sub-process instance; 400 for an element it cannot activate). gRPC has no such call.
 */
final class AdHocActivityEndpoints {

  private final CommandCore core;

  AdHocActivityEndpoints(final CommandCore core) {
    this.core = core;
  }

  void register(final Router router) {
    router.add(
        "POST",
        "/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation",
        this::activate);
  }

  private void activate(final Exchange exchange) {
    final JsonBody body = exchange.json();
    if (!body.has("elements")) {
      throw Rejection.invalidArgument(
          "Expected the elements to activate ('elements': [{elementId, variables}]), but none"
              + " were given");
    }
    final List<AdHocActivation.Element> elements =
        body.objects("elements").stream()
            .map(
                element ->
                    new AdHocActivation.Element(
                        element.requiredText("elementId"), element.document("variables")))
            .toList();
    core.processInstances()
        .activateAdHocActivities(
            exchange.pathKey("adHocSubProcessInstanceKey"),
            new AdHocActivation(
                elements, Boolean.TRUE.equals(body.bool("cancelRemainingInstances"))));
    exchange.noContent();
  }
}
