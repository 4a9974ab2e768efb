package io.flowdesk.engine.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.support.EngineLimits;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Rejection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REST request and its single answer: typed access to path variables and the JSON body, and
 * answers as JSON, as no content or as an RFC 9457 problem. An exchange may go asynchronous (long
 * polls, results of process instances); whoever answers first wins, later answers are dropped.
 */
final class Exchange {

  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final String PROBLEM_JSON = "application/problem+json";

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AtomicBoolean answered = new AtomicBoolean();
  private Map<String, String> pathVariables = Map.of();
  private ApiClient client;
  private AsyncContext async;

  Exchange(final HttpServletRequest request, final HttpServletResponse response) {
    this.request = request;
    this.response = response;
  }

  String method() {
    return request.getMethod();
  }

  /** The path below {@code /v2}, e.g. {@code /jobs/activation}. */
  String path() {
    final String info = request.getPathInfo();
    return info == null ? "/" : info;
  }

  void client(final ApiClient authenticated) {
    this.client = authenticated;
  }

  /** The authenticated client that sent the request. */
  ApiClient client() {
    return client;
  }

  void pathVariables(final Map<String, String> variables) {
    this.pathVariables = variables;
  }

  long pathKey(final String name) {
    return Keys.parse(pathVariables.get(name), name);
  }

  HttpServletRequest request() {
    return request;
  }

  /** The JSON body as an object; an empty body reads as an empty object. */
  JsonBody json() {
    final byte[] body = body();
    if (body.length == 0) {
      return JsonBody.of(null);
    }
    final JsonNode node;
    try {
      node = Json.tree(new String(body, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw Rejection.invalidArgument(
          "Expected the request body to be JSON, but it is not: " + e.getOriginalMessage());
    }
    return JsonBody.of(node);
  }

  private byte[] body() {
    final long declared = request.getContentLengthLong();
    try (InputStream in = request.getInputStream()) {
      if (declared > EngineLimits.MAX_MESSAGE_BYTES) {
        drain(in);
        throw tooLarge(declared + " bytes");
      }
      final ByteArrayOutputStream out = new ByteArrayOutputStream();
      final byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        if (out.size() > EngineLimits.MAX_MESSAGE_BYTES) {
          drain(in);
          throw tooLarge("more");
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the request body", e);
    }
  }

  // Reading what the client still sends lets it receive the 413 instead of a reset connection.
  private static void drain(final InputStream in) throws IOException {
    final byte[] buffer = new byte[8192];
    long total = 0;
    int read;
    while (total < 16L * EngineLimits.MAX_MESSAGE_BYTES && (read = in.read(buffer)) >= 0) {
      total += read;
    }
  }

  private static PayloadTooLarge tooLarge(final String size) {
    return new PayloadTooLarge(
        "Expected a request body of at most "
            + EngineLimits.MAX_MESSAGE_BYTES
            + " bytes, but it has "
            + size);
  }

  /** The parts of a multipart request. */
  Collection<Part> parts() {
    final String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw Rejection.invalidArgument(
          "Expected a multipart/form-data request with one or more 'resources' parts, but the"
              + " content type was "
              + (type == null ? "not given" : "'" + type + "'"));
    }
    try {
      return request.getParts();
    } catch (IllegalStateException e) {
      throw new PayloadTooLarge(
          "Expected resources of at most "
              + EngineLimits.MAX_MESSAGE_BYTES
              + " bytes in total, but the request is larger");
    } catch (IOException | ServletException e) {
      throw Rejection.invalidArgument("Cannot read the multipart request: " + e.getMessage());
    }
  }

  void header(final String name, final String value) {
    response.setHeader(name, value);
  }

  /** Answers with {@code body} as JSON; false when the answer could not be written. */
  boolean json(final int status, final Object body) {
    return answer(status, "application/json", Json.write(body));
  }

  void text(final int status, final String contentType, final String body) {
    answer(status, contentType, body);
  }

  void noContent() {
    answer(204, null, null);
  }

  void emptyOk() {
    answer(200, null, null);
  }

  void problem(final Problem problem) {
    final Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    body.put("instance", request.getRequestURI());
    answer(problem.status(), PROBLEM_JSON, Json.write(body));
  }

  /** Answers with the problem a failure stands for; unexpected failures are logged. */
  void fail(final Throwable error) {
    problem(problemOf(error));
  }

  static Problem problemOf(final Throwable error) {
    if (error instanceof CompletionException completion && completion.getCause() != null) {
      return problemOf(completion.getCause());
    }
    if (error instanceof Rejection rejection) {
      return Problem.of(rejection);
    }
    if (error instanceof PayloadTooLarge tooLarge) {
      return new Problem(413, "RESOURCE_EXHAUSTED", tooLarge.getMessage());
    }
    LOG.error("Unexpected failure while processing a REST request", error);
    return new Problem(500, "INTERNAL", "Unexpected error while processing the request: " + error);
  }

  /**
   * Continues the exchange asynchronously; {@code onTimeout} answers if nothing else did within
   * {@code timeoutMillis}, {@code onGone} hears that the client went away.
   */
  void startAsync(final long timeoutMillis, final Runnable onTimeout, final Runnable onGone) {
    async = request.startAsync(request, response);
    async.setTimeout(timeoutMillis);
    async.addListener(
        new AsyncListener() {
          @Override
          public void onComplete(final AsyncEvent event) {
            // Nothing to clean up: the answer was written.
          }

          @Override
          public void onTimeout(final AsyncEvent event) {
            onTimeout.run();
          }

          @Override
          public void onError(final AsyncEvent event) {
            onGone.run();
          }

          @Override
          public void onStartAsync(final AsyncEvent event) {
            // Not restarted.
          }
        });
  }

  /**
   * Writes the answer unless one was written already; false when it was not written, e.g. because
   * the client went away (an asynchronous exchange's request may then be recycled already).
   */
  private boolean answer(final int status, final String contentType, final String body) {
    if (!answered.compareAndSet(false, true)) {
      return false;
    }
    try {
      response.setStatus(status);
      if (body != null) {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
      }
      if (async != null) {
        response.flushBuffer();
      }
      return true;
    } catch (IOException | IllegalStateException e) {
      LOG.debug("The client went away before its answer was written", e);
      return false;
    } finally {
      if (async != null) {
        try {
          async.complete();
        } catch (IllegalStateException e) {
          LOG.debug("The asynchronous request had ended already", e);
        }
      }
    }
  }
}
