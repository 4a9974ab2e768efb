package io.flowdesk.engine.rest;

import java.util.List;

/**
 * Endpoints of Camunda's REST API that Flowdesk does not serve yet (ad-hoc activities): answered
 * with 501 and a problem naming the endpoint, so clients learn what is missing instead of getting a
 * bare 404.
 */
final class NotYetEndpoints {

  private static final List<String[]> ENDPOINTS =
      List.<String[]>of(
          new String[] {
            "POST", "/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation"
          });

  void register(final Router router) {
    for (final String[] endpoint : ENDPOINTS) {
      final String method = endpoint[0];
      router.add(
          method,
          endpoint[1],
          exchange -> exchange.problem(Problem.notImplemented(method, exchange.path())));
    }
  }
}
