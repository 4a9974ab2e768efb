package io.flowdesk.app.alert;

import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.domain.alert.AlertEvent;
import io.flowdesk.domain.alert.AlertStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the two shapes {@code POST /api/alerts} takes. A body with an {@code alerts} list is
 * Prometheus Alertmanager's webhook (version 4): its alerts carry {@code status}, {@code labels},
 * {@code annotations} and {@code fingerprint}, and Alertmanager's other fields are ignored. Any
 * other body is one alert in Flowdesk's generic shape, whose fields are checked strictly. Problems
 * are named by the field's path ({@code alerts[1].fingerprint}).
 */
final class AlertPayloads {

  static final String ALERTMANAGER = "alertmanager";
  static final String GENERIC_SOURCE = "generic";
  static final int MAX_ALERTS = 100;

  private static final Set<String> GENERIC_FIELDS =
      Set.of(
          "source",
          "fingerprint",
          "status",
          "summary",
          "description",
          "severity",
          "ci",
          "category");

  private AlertPayloads() {}

  static List<IncomingAlert> read(final Map<String, Object> body) {
    if (body == null) {
      throw new InvalidRequestException("The request needs a JSON object body.", Map.of());
    }
    return body.containsKey("alerts") ? alertmanager(body.get("alerts")) : List.of(generic(body));
  }

  private static List<IncomingAlert> alertmanager(final Object given) {
    if (!(given instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ALERTS) {
      throw invalid("alerts", "must be a list of 1 to " + MAX_ALERTS + " alerts");
    }
    final List<IncomingAlert> alerts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      final String path = "alerts[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> alert)) {
        throw invalid(path, "must be an object");
      }
      final Map<String, String> labels = texts(alert.get("labels"), path + ".labels");
      final Map<String, String> annotations =
          texts(alert.get("annotations"), path + ".annotations");
      final String name = labels.getOrDefault("alertname", "Alert");
      final String instance = labels.get("instance");
      final String summary =
          annotations.getOrDefault("summary", instance == null ? name : name + " on " + instance);
      final AlertEvent event =
          event(
              path,
              ALERTMANAGER,
              text(alert.get("fingerprint"), path + ".fingerprint"),
              text(alert.get("status"), path + ".status"),
              summary);
      alerts.add(
          new IncomingAlert(
              event,
              describe(annotations.get("description"), labels, text(alert.get("generatorURL"))),
              severity(labels.get("severity"), null),
              labels.getOrDefault("ci", host(instance)),
              category(labels.get("category"), null)));
    }
    return alerts;
  }

  private static IncomingAlert generic(final Map<String, Object> body) {
    final List<String> unknown =
        body.keySet().stream().filter(field -> !GENERIC_FIELDS.contains(field)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw invalid(
          unknown.get(0),
          "unknown field; known: " + String.join(", ", GENERIC_FIELDS.stream().sorted().toList()));
    }
    final String source = text(body.get("source"), "source");
    final AlertEvent event =
        event(
            "",
            source == null ? GENERIC_SOURCE : source,
            text(body.get("fingerprint"), "fingerprint"),
            text(body.get("status"), "status"),
            text(body.get("summary"), "summary"));
    return new IncomingAlert(
        event,
        text(body.get("description"), "description"),
        severity(text(body.get("severity"), "severity"), "severity"),
        text(body.get("ci"), "ci"),
        category(text(body.get("category"), "category"), "category"));
  }

  private static AlertEvent event(
      final String path,
      final String source,
      final String fingerprint,
      final String status,
      final String summary) {
    final String prefix = path.isEmpty() ? "" : path + ".";
    if (fingerprint == null) {
      throw invalid(prefix + "fingerprint", "is required: what identifies the alert");
    }
    if (status == null) {
      throw invalid(prefix + "status", "is required: firing or resolved");
    }
    final AlertStatus parsed;
    try {
      parsed = AlertStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw invalid(prefix + "status", "must be firing or resolved, not " + status);
    }
    if (parsed == AlertStatus.FIRING && summary == null) {
      throw invalid(prefix + "summary", "is required for a firing alert");
    }
    if (fingerprint.length() > 200) {
      throw invalid(prefix + "fingerprint", "must be at most 200 characters");
    }
    if (source.length() > 64) {
      throw invalid("source", "must be at most 64 characters");
    }
    return new AlertEvent(source, fingerprint, parsed, summary);
  }

  /** The severity; unknown ones are a problem in the generic shape and medium from Alertmanager. */
  private static IncomingAlert.Severity severity(final String given, final String field) {
    if (given == null) {
      return IncomingAlert.Severity.WARNING;
    }
    try {
      return IncomingAlert.Severity.valueOf(given.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      if (field == null) {
        return IncomingAlert.Severity.WARNING;
      }
      throw invalid(
          field,
          "must be one of "
              + Arrays.stream(IncomingAlert.Severity.values())
                  .map(severity -> severity.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }

  private static String category(final String given, final String field) {
    if (given == null || IncidentReporting.CATEGORIES.contains(given)) {
      return given == null ? "other" : given;
    }
    if (field == null) {
      return "other";
    }
    throw invalid(
        field,
        "must be one of "
            + String.join(", ", new java.util.TreeSet<>(IncidentReporting.CATEGORIES)));
  }

  /** The alert's text for the incident: its description, then every label, then its source. */
  private static String describe(
      final String description, final Map<String, String> labels, final String generatorUrl) {
    final StringBuilder text = new StringBuilder();
    if (description != null) {
      text.append(description).append("\n\n");
    }
    new TreeMap<>(labels)
        .forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
    if (generatorUrl != null) {
      text.append("\nSource: ").append(generatorUrl);
    }
    return text.toString().strip();
  }

  /** The host of a Prometheus {@code instance} label ({@code db-01:9100} is CI {@code db-01}). */
  private static String host(final String instance) {
    if (instance == null) {
      return null;
    }
    final int port = instance.lastIndexOf(':');
    return port > 0 && !instance.endsWith("]") ? instance.substring(0, port) : instance;
  }

  private static Map<String, String> texts(final Object given, final String path) {
    if (given == null) {
      return Map.of();
    }
    if (!(given instanceof Map<?, ?> map)) {
      throw invalid(path, "must be an object of texts");
    }
    final Map<String, String> texts = new LinkedHashMap<>();
    map.forEach((name, value) -> texts.put(String.valueOf(name), text(value, path + "." + name)));
    return texts;
  }

  private static String text(final Object value, final String path) {
    if (value != null && !(value instanceof String)) {
      throw invalid(path, "must be a string");
    }
    return text(value);
  }

  private static String text(final Object value) {
    if (!(value instanceof String given) || given.isBlank()) {
      return null;
    }
    return given.strip();
  }

  private static InvalidRequestException invalid(final String field, final String problem) {
    return new InvalidRequestException(
        "The alert cannot be taken: " + field + " " + problem + ".", Map.of(field, problem));
  }
}
