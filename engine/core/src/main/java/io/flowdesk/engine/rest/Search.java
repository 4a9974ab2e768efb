package io.flowdesk.engine.rest;

import static java.util.Collections.nCopies;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowdesk.engine.support.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the search requests of the REST API ({@code filter}, {@code sort}, {@code page}) as SQL over
 * the engine's tables. A filter property is either a value (equality) or an object of operators
 * ({@code $eq}, {@code $neq}, {@code $exists}, {@code $in}, {@code $notIn}, {@code $like} with
 * {@code *} and {@code ?} wildcards, {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}); {@code
 * $or} takes a list of filters. Properties a search does not know are refused by name rather than
 * ignored. Cursors are opaque positions in the ordered result.
 */
final class Search {

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 10_000;

  /**
   * The most matches a search with a {@link KnownTotal} counts; past it, the total it answers is
   * this with {@code hasMoreTotalItems}, as Camunda's search answers totals it stopped counting.
   */
  static final int COUNT_LIMIT = 10_000;

  /** A search's total found without counting its matches, when its filter allows. */
  @FunctionalInterface
  interface KnownTotal {
    OptionalLong of(JsonBody filter);
  }

  private final JdbcClient jdbc;

  Search(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A WHERE clause and its parameters, in order. */
  private record Where(String sql, List<Object> parameters) {}

  /** A page of what {@code request} finds, with the exact number of all matches. */
  Map<String, Object> run(final SearchSpec spec, final JsonBody request) {
    return run(spec, request, null);
  }

  /**
   * A page of what {@code request} finds, with the total {@code known} gives for its filter, else
   * the matches counted up to {@link #COUNT_LIMIT}: counting every match of a large history costs
   * more than the page itself.
   */
  Map<String, Object> run(final SearchSpec spec, final JsonBody request, final KnownTotal known) {
    final Where where = where(spec, request.object("filter"));
    final String order = order(spec, request);
    final JsonBody page = request.object("page");
    int limit = page.intValue("limit", DEFAULT_LIMIT);
    if (limit < 0 || limit > MAX_LIMIT) {
      throw Rejection.invalidArgument(
          "Expected 'page.limit' between 0 and " + MAX_LIMIT + ", but it was " + limit);
    }
    int from = page.intValue("from", 0);
    if (page.has("after")) {
      from = decodeCursor(page.text("after"), "page.after");
    } else if (page.has("before")) {
      final int end = decodeCursor(page.text("before"), "page.before");
      from = Math.max(0, end - limit);
      limit = end - from;
    }
    if (from < 0) {
      throw Rejection.invalidArgument("Expected 'page.from' of 0 or more, but it was " + from);
    }
    final OptionalLong given =
        known == null ? OptionalLong.empty() : known.of(request.object("filter"));
    final List<Object> parameters = new ArrayList<>(where.parameters());
    parameters.add(limit);
    parameters.add(from);
    // A total known ahead that ends before the page: no row can be on it, and looking for one
    // would read every instance in key order when the filter matches none (a count per state).
    final List<Map<String, Object>> items =
        given.isPresent() && given.getAsLong() <= from
            ? List.of()
            : query(spec, where.sql() + order + " LIMIT ? OFFSET ?", parameters);
    long total;
    boolean hasMore = false;
    if (given.isPresent()) {
      total = given.getAsLong();
    } else if (known != null) {
      final List<Object> bounded = new ArrayList<>(where.parameters());
      bounded.add(COUNT_LIMIT + 1);
      total =
          jdbc.sql(
                  "SELECT count(*) FROM (SELECT 1 FROM "
                      + spec.from()
                      + where.sql()
                      + " LIMIT ?) m")
              .params(bounded)
              .query(Long.class)
              .single();
      hasMore = total > COUNT_LIMIT;
      total = Math.min(total, COUNT_LIMIT);
    } else {
      total =
          jdbc.sql("SELECT count(*) FROM " + spec.from() + where.sql())
              .params(where.parameters())
              .query(Long.class)
              .single();
    }
    final Map<String, Object> pageResponse = new LinkedHashMap<>();
    pageResponse.put("totalItems", total);
    pageResponse.put("hasMoreTotalItems", hasMore);
    pageResponse.put("startCursor", items.isEmpty() ? null : encodeCursor(from));
    pageResponse.put("endCursor", items.isEmpty() ? null : encodeCursor(from + items.size()));
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("page", pageResponse);
    return body;
  }

  /** The item whose {@code keyField} is {@code key}; refused as not found, naming {@code what}. */
  Map<String, Object> get(
      final SearchSpec spec, final String keyField, final long key, final String what) {
    return find(spec, keyField, key).orElseThrow(() -> notFound(what, key));
  }

  static RuntimeException notFound(final String what, final long key) {
    return Rejection.notFound(
        "Expected to find the " + what + " with key '" + key + "', but none was found");
  }

  /** The item whose {@code keyField} is {@code key}. */
  Optional<Map<String, Object>> find(final SearchSpec spec, final String keyField, final long key) {
    final List<Map<String, Object>> items =
        query(spec, " WHERE " + spec.fields().get(keyField).sql() + " = ?", List.of(key));
    return items.stream().findFirst();
  }

  private List<Map<String, Object>> query(
      final SearchSpec spec, final String rest, final List<Object> parameters) {
    final StringBuilder select = new StringBuilder("SELECT ");
    final Map<String, Integer> columns = new LinkedHashMap<>();
    int column = 1;
    for (final SearchField field : spec.fields().values()) {
      if (column > 1) {
        select.append(", ");
      }
      // A set of related rows is for filters only: its query yields rows, not one value.
      select
          .append(field.kind() == SearchField.Kind.TEXT_SET ? "NULL" : field.sql())
          .append(" AS c")
          .append(column);
      columns.put(field.name(), column++);
    }
    select.append(" FROM ").append(spec.from()).append(rest);
    return jdbc.sql(select.toString())
        .params(parameters)
        .query((rs, n) -> spec.item().map(new SearchSpec.Row(rs, columns)))
        .list();
  }

  /**
   * The SQL condition {@code filter} sets on {@code spec}'s rows, TRUE when it sets none; its
   * parameters are added to {@code parameters} in order. For queries other than a search's (as
   * statistics over the process instances a filter selects).
   */
  String condition(final SearchSpec spec, final JsonBody filter, final List<Object> parameters) {
    final String conditions = conditions(spec, filter, parameters);
    return conditions.isEmpty() ? "TRUE" : conditions;
  }

  private Where where(final SearchSpec spec, final JsonBody filter) {
    final List<Object> parameters = new ArrayList<>();
    final String conditions = conditions(spec, filter, parameters);
    return new Where(conditions.isEmpty() ? "" : " WHERE " + conditions, parameters);
  }

  private String conditions(
      final SearchSpec spec, final JsonBody filter, final List<Object> parameters) {
    final List<String> all = new ArrayList<>();
    for (final String name : filter.fieldNames()) {
      final JsonNode value = filter.node(name);
      if (value == null) {
        continue;
      }
      if ("$or".equals(name)) {
        all.add(or(spec, value, parameters));
        continue;
      }
      final SearchField field = spec.fields().get(name);
      if (field == null || !field.filterable()) {
        throw Rejection.invalidArgument(
            "Flowdesk cannot filter "
                + spec.entity()
                + " by '"
                + name
                + "'; it can filter by "
                + String.join(
                    ", ",
                    spec.fields().values().stream()
                        .filter(SearchField::filterable)
                        .map(SearchField::name)
                        .toList()));
      }
      all.add(condition(field, value, parameters));
    }
    return String.join(" AND ", all);
  }

  private String or(
      final SearchSpec spec, final JsonNode alternatives, final List<Object> parameters) {
    if (!alternatives.isArray()) {
      throw Rejection.invalidArgument("Expected 'filter.$or' to be an array of filters");
    }
    final List<String> any = new ArrayList<>();
    for (final JsonNode alternative : alternatives) {
      final String conditions = conditions(spec, JsonBody.of(alternative), parameters);
      any.add(conditions.isEmpty() ? "TRUE" : "(" + conditions + ")");
    }
    return any.isEmpty() ? "TRUE" : "(" + String.join(" OR ", any) + ")";
  }

  private static String condition(
      final SearchField field, final JsonNode value, final List<Object> parameters) {
    if (field.kind() == SearchField.Kind.TEXT_LIST || field.kind() == SearchField.Kind.TEXT_SET) {
      return listCondition(field, value, parameters);
    }
    if (field.kind() == SearchField.Kind.VARIABLES) {
      return variablesCondition(field, value, parameters);
    }
    if (!value.isObject()) {
      parameters.add(read(field, value, "$eq"));
      return field.sql() + " = ?";
    }
    if (field.kind() == SearchField.Kind.BOOLEAN) {
      throw Rejection.invalidArgument(
          "Expected filter '" + field.name() + "' to be true or false, but found an object");
    }
    final List<String> all = new ArrayList<>();
    final Iterator<Map.Entry<String, JsonNode>> operators = value.fields();
    while (operators.hasNext()) {
      final Map.Entry<String, JsonNode> operator = operators.next();
      final JsonNode operand = operator.getValue();
      final String sql = field.sql();
      switch (operator.getKey()) {
        case "$eq" -> {
          parameters.add(read(field, operand, "$eq"));
          all.add(sql + " = ?");
        }
        case "$neq" -> {
          parameters.add(read(field, operand, "$neq"));
          all.add(sql + " IS DISTINCT FROM ?");
        }
        case "$exists" -> {
          if (!operand.isBoolean()) {
            throw Rejection.invalidArgument(
                "Expected '" + field.name() + ".$exists' to be true or false");
          }
          all.add(sql + (operand.asBoolean() ? " IS NOT NULL" : " IS NULL"));
        }
        case "$in", "$notIn" -> {
          if (!operand.isArray()) {
            throw Rejection.invalidArgument(
                "Expected '" + field.name() + "." + operator.getKey() + "' to be an array");
          }
          final List<String> marks = new ArrayList<>();
          for (final JsonNode item : operand) {
            parameters.add(read(field, item, operator.getKey()));
            marks.add("?");
          }
          final boolean in = "$in".equals(operator.getKey());
          if (marks.isEmpty()) {
            // The client sends an empty list for "no such constraint" (e.g. state $eq with $in []).
            all.add("TRUE");
          } else if (in) {
            all.add(sql + " IN (" + String.join(", ", marks) + ")");
          } else {
            all.add(
                "(" + sql + " IS NULL OR " + sql + " NOT IN (" + String.join(", ", marks) + "))");
          }
        }
        case "$like" -> {
          if (field.kind() != SearchField.Kind.TEXT || !operand.isTextual()) {
            throw Rejection.invalidArgument(
                "Expected '" + field.name() + ".$like' to be a text pattern on a text property");
          }
          parameters.add(likePattern(operand.asText()));
          all.add(sql + " LIKE ? ESCAPE '\\'");
        }
        case "$gt", "$gte", "$lt", "$lte" -> {
          if (field.kind() != SearchField.Kind.INTEGER && field.kind() != SearchField.Kind.DATE) {
            throw Rejection.invalidArgument(
                "Expected '"
                    + field.name()
                    + "' to be compared for equality only; "
                    + operator.getKey()
                    + " applies to numbers and dates");
          }
          parameters.add(read(field, operand, operator.getKey()));
          all.add(sql + comparison(operator.getKey()) + "?");
        }
        default ->
            throw Rejection.invalidArgument(
                "Unknown filter operator '"
                    + operator.getKey()
                    + "' on '"
                    + field.name()
                    + "'; known: $eq, $neq, $exists, $in, $notIn, $like, $gt, $gte, $lt, $lte");
      }
    }
    return all.isEmpty() ? "TRUE" : String.join(" AND ", all);
  }

  /**
   * Conditions on a JSON string array ({@code TEXT_LIST}) or on the texts of related rows ({@code
   * TEXT_SET}): a value matches when the array or the rows hold it.
   */
  private static String listCondition(
      final SearchField field, final JsonNode value, final List<Object> parameters) {
    final boolean set = field.kind() == SearchField.Kind.TEXT_SET;
    // The related rows whose text the condition that follows tests (see Kind.TEXT_SET).
    final String members =
        set
            ? "EXISTS (SELECT 1 FROM " + field.sql()
            : "EXISTS (SELECT 1 FROM jsonb_array_elements_text(("
                + field.sql()
                + ")::jsonb) AS member(value) WHERE member.value";
    final String contains =
        set ? members + " = ?)" : "(" + field.sql() + ")::jsonb @> jsonb_build_array(?::text)";
    if (value.isArray()) {
      // A list of values (Camunda's process instance tags): the list must hold every one of them.
      for (final JsonNode item : value) {
        parameters.add(read(field, item, "$eq"));
      }
      return value.isEmpty() ? "TRUE" : String.join(" AND ", nCopies(value.size(), contains));
    }
    if (!value.isObject()) {
      parameters.add(read(field, value, "$eq"));
      return contains;
    }
    final List<String> all = new ArrayList<>();
    final Iterator<Map.Entry<String, JsonNode>> operators = value.fields();
    while (operators.hasNext()) {
      final Map.Entry<String, JsonNode> operator = operators.next();
      final JsonNode operand = operator.getValue();
      switch (operator.getKey()) {
        case "$eq" -> {
          parameters.add(read(field, operand, "$eq"));
          all.add(contains);
        }
        case "$neq" -> {
          parameters.add(read(field, operand, "$neq"));
          // A list column may be NULL (an instance without tags): it holds no value.
          all.add("NOT coalesce(" + contains + ", FALSE)");
        }
        case "$exists" -> {
          if (!operand.isBoolean()) {
            throw Rejection.invalidArgument(
                "Expected '" + field.name() + ".$exists' to be true or false");
          }
          all.add(
              set
                  ? (operand.asBoolean() ? "" : "NOT ") + members + " IS NOT NULL)"
                  : "coalesce(jsonb_array_length(("
                      + field.sql()
                      + ")::jsonb), 0)"
                      + (operand.asBoolean() ? " > 0" : " = 0"));
        }
        case "$in", "$notIn" -> {
          if (!operand.isArray()) {
            throw Rejection.invalidArgument(
                "Expected '" + field.name() + "." + operator.getKey() + "' to be an array");
          }
          final List<String> any = new ArrayList<>();
          for (final JsonNode item : operand) {
            parameters.add(read(field, item, operator.getKey()));
            any.add(contains);
          }
          if (any.isEmpty()) {
            all.add("TRUE");
          } else {
            all.add(
                ("$in".equals(operator.getKey()) ? "(" : "NOT coalesce((")
                    + String.join(" OR ", any)
                    + ("$in".equals(operator.getKey()) ? ")" : "), FALSE)"));
          }
        }
        case "$like" -> {
          if (!operand.isTextual()) {
            throw Rejection.invalidArgument(
                "Expected '" + field.name() + ".$like' to be a text pattern");
          }
          parameters.add(likePattern(operand.asText()));
          all.add(members + " LIKE ? ESCAPE '\\')");
        }
        default ->
            throw Rejection.invalidArgument(
                "Unknown filter operator '"
                    + operator.getKey()
                    + "' on '"
                    + field.name()
                    + "'; known: $eq, $neq, $exists, $in, $notIn, $like");
      }
    }
    return all.isEmpty() ? "TRUE" : String.join(" AND ", all);
  }

  /**
   * Conditions on the variables of a scope: a list of {@code {name, value}}, each of which a
   * variable of the scope must match; {@code value} filters the variable's JSON text.
   */
  private static String variablesCondition(
      final SearchField field, final JsonNode value, final List<Object> parameters) {
    if (!value.isArray()) {
      throw Rejection.invalidArgument(
          "Expected filter '" + field.name() + "' to be an array of {name, value}");
    }
    final SearchField variableValue = SearchField.text(field.name() + ".value", "fv.value");
    final List<String> all = new ArrayList<>();
    for (final JsonNode variable : value) {
      final JsonNode name = variable.get("name");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw Rejection.invalidArgument(
            "Expected every entry of filter '" + field.name() + "' to name a variable");
      }
      parameters.add(name.asText());
      final JsonNode expected = variable.get("value");
      final String valueCondition =
          expected == null || expected.isNull()
              ? ""
              : " AND " + condition(variableValue, expected, parameters);
      all.add(
          "EXISTS (SELECT 1 FROM engine.variable fv WHERE fv.scope_key = "
              + field.sql()
              + " AND fv.name = ?"
              + valueCondition
              + ")");
    }
    return all.isEmpty() ? "TRUE" : String.join(" AND ", all);
  }

  private static String comparison(final String operator) {
    return switch (operator) {
      case "$gt" -> " > ";
      case "$gte" -> " >= ";
      case "$lt" -> " < ";
      default -> " <= ";
    };
  }

  private static Object read(final SearchField field, final JsonNode value, final String operator) {
    final String what =
        "filter '" + field.name() + "'" + ("$eq".equals(operator) ? "" : " " + operator);
    return switch (field.kind()) {
      case KEY -> {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          yield value.asLong();
        }
        if (value.isTextual()) {
          yield Keys.parse(value.asText(), what);
        }
        throw Rejection.invalidArgument("Expected " + what + " to be a key, but found " + value);
      }
      case TEXT, TEXT_LIST, TEXT_SET -> {
        if (!value.isTextual()) {
          throw Rejection.invalidArgument(
              "Expected " + what + " to be a string, but found " + value);
        }
        yield value.asText();
      }
      case INTEGER -> {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
          throw Rejection.invalidArgument(
              "Expected " + what + " to be an integer, but found " + value);
        }
        yield value.asInt();
      }
      case DATE -> {
        if (!value.isTextual()) {
          throw Rejection.invalidArgument(
              "Expected " + what + " to be a date-time string, but found " + value);
        }
        yield RestDates.parse(value.asText(), what);
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw Rejection.invalidArgument(
              "Expected " + what + " to be true or false, but found " + value);
        }
        yield value.asBoolean();
      }
      case VARIABLES -> throw new IllegalStateException("variables are filtered by name and value");
    };
  }

  /** Camunda's wildcards ({@code *} any text, {@code ?} one character) as a SQL LIKE pattern. */
  static String likePattern(final String pattern) {
    final StringBuilder like = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      final char c = pattern.charAt(i);
      switch (c) {
        case '*' -> like.append('%');
        case '?' -> like.append('_');
        case '%', '_', '\\' -> like.append('\\').append(c);
        default -> like.append(c);
      }
    }
    return like.toString();
  }

  private static String order(final SearchSpec spec, final JsonBody request) {
    final JsonNode sort = request.node("sort");
    final List<String> orders = new ArrayList<>();
    String lastDirection = "ASC";
    if (sort != null) {
      if (!sort.isArray()) {
        throw Rejection.invalidArgument("Expected 'sort' to be an array of {field, order}");
      }
      for (final JsonNode entry : sort) {
        final JsonBody item = JsonBody.of(entry);
        final String name = item.requiredText("field");
        final SearchField field = spec.fields().get(name);
        if (field == null || !sortable(field)) {
          throw Rejection.invalidArgument(
              "Flowdesk cannot sort "
                  + spec.entity()
                  + " by '"
                  + name
                  + "'; it can sort by "
                  + String.join(
                      ", ",
                      spec.fields().values().stream()
                          .filter(Search::sortable)
                          .map(SearchField::name)
                          .toList()));
        }
        final String direction =
            item.text("order") == null ? "ASC" : item.text("order").toUpperCase(Locale.ROOT);
        if (!direction.equals("ASC") && !direction.equals("DESC")) {
          throw Rejection.invalidArgument(
              "Expected sort order ASC or DESC for '"
                  + name
                  + "', but it was "
                  + item.text("order"));
        }
        orders.add(field.sql() + " " + direction);
        lastDirection = direction;
      }
    }
    // The key breaks ties in the direction of the last sort, so that an index on (field, key) read
    // backwards yields a descending page in order: sorted by end, a million instances' active ones
    // (no end yet, all tied) were otherwise all read and sorted by key for every page.
    orders.add(spec.tieBreaker() + ("DESC".equals(lastDirection) ? " DESC" : ""));
    return " ORDER BY " + String.join(", ", orders);
  }

  private static boolean sortable(final SearchField field) {
    return field.kind() != SearchField.Kind.TEXT_LIST
        && field.kind() != SearchField.Kind.TEXT_SET
        && field.kind() != SearchField.Kind.VARIABLES;
  }

  private static String encodeCursor(final int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("position:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(final String cursor, final String what) {
    try {
      final String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("position:")) {
        return Integer.parseInt(text.substring("position:".length()));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the rejection below: the cursor was not one this engine handed out.
    }
    throw Rejection.invalidArgument(
        "Expected '"
            + what
            + "' to be a cursor from an earlier answer, but it was '"
            + cursor
            + "'");
  }
}
