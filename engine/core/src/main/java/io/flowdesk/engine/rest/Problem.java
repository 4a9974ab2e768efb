package io.flowdesk.engine.rest;

import io.flowdesk.engine.support.Rejection;

/**
 * An RFC 9457 problem the REST API answers with ({@code application/problem+json}). Titles are the
 * rejection types, as Camunda's REST API names them.
 *
 * @param status the HTTP status
 * @param title a short, stable name of the kind of problem
 * @param detail what went wrong in this request
 */
record Problem(int status, String title, String detail) {

  static Problem of(final Rejection rejection) {
    return switch (rejection.type()) {
      case INVALID_ARGUMENT -> new Problem(400, "INVALID_ARGUMENT", rejection.getMessage());
      case NOT_FOUND -> new Problem(404, "NOT_FOUND", rejection.getMessage());
      case INVALID_STATE -> new Problem(409, "INVALID_STATE", rejection.getMessage());
      case ALREADY_EXISTS -> new Problem(409, "ALREADY_EXISTS", rejection.getMessage());
      case TIMEOUT -> new Problem(504, "DEADLINE_EXCEEDED", rejection.getMessage());
      case PROCESSING_ERROR -> new Problem(500, "PROCESSING_ERROR", rejection.getMessage());
      case UNAVAILABLE -> new Problem(503, "UNAVAILABLE", rejection.getMessage());
    };
  }

  static Problem badRequest(final String detail) {
    return new Problem(400, "INVALID_ARGUMENT", detail);
  }
}
