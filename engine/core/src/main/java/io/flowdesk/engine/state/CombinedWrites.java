package io.flowdesk.engine.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a {@link StatementBatch} sends: its statements in order, with runs of consecutive writes
 * combined into one statement whose writes are common table expressions ({@code WITH w0 AS (INSERT
 * ...), w1 AS (DELETE ...) UPDATE ...}).
 *
 * <p>PostgreSQL runs all parts of a statement against one snapshot, so a part does not see what
 * another part wrote, while statements run one after the other do. A write therefore joins a run
 * only when it mentions no table that a write of the run changes (which also keeps two parts from
 * changing the same rows). Writes that return rows are never combined, so every row-returning
 * statement is sent as added.
 */
record CombinedWrites(String sql, List<Object> parameters, List<Integer> addedIndexes) {

  private static final Pattern WRITE =
      Pattern.compile("^(?:INSERT INTO|UPDATE|DELETE FROM) engine\\.(\\w+)");
  private static final Pattern TABLE = Pattern.compile("engine\\.(\\w+)");

  static CombinedWrites of(final List<StatementBatch.Statement> statements) {
    final StringBuilder sql = new StringBuilder();
    final List<Object> parameters = new ArrayList<>();
    final List<Integer> sentIndexes = new ArrayList<>();
    final List<StatementBatch.Statement> run = new ArrayList<>();
    final Set<String> changedByRun = new HashSet<>();
    for (int index = 0; index < statements.size(); index++) {
      final StatementBatch.Statement statement = statements.get(index);
      final String changed = changedTable(statement.sql());
      if (changed == null || !disjoint(tables(statement.sql()), changedByRun)) {
        flush(run, sql, parameters, sentIndexes, index - run.size());
        changedByRun.clear();
      }
      if (changed == null) {
        append(sql, statement.sql());
        parameters.addAll(statement.parameters());
        sentIndexes.add(index);
      } else {
        run.add(statement);
        changedByRun.add(changed);
      }
    }
    flush(run, sql, parameters, sentIndexes, statements.size() - run.size());
    return new CombinedWrites(sql.toString(), parameters, sentIndexes);
  }

  /** Sends the run as one statement, reported under the index of its first write. */
  private static void flush(
      final List<StatementBatch.Statement> run,
      final StringBuilder sql,
      final List<Object> parameters,
      final List<Integer> sentIndexes,
      final int firstIndex) {
    if (run.isEmpty()) {
      return;
    }
    final StringBuilder combined = new StringBuilder();
    for (int i = 0; i < run.size(); i++) {
      final String part = run.get(i).sql();
      if (i == run.size() - 1) {
        combined.append(part);
      } else {
        combined.append(i == 0 ? "WITH " : ", ").append('w').append(i).append(" AS (");
        combined.append(part).append(") ");
      }
      parameters.addAll(run.get(i).parameters());
    }
    append(sql, combined.toString());
    sentIndexes.add(firstIndex);
    run.clear();
  }

  private static void append(final StringBuilder sql, final String statement) {
    if (!sql.isEmpty()) {
      sql.append(";\n");
    }
    sql.append(statement);
  }

  /** The table a write without RETURNING changes; null for anything else. */
  private static String changedTable(final String statement) {
    final Matcher write = WRITE.matcher(statement);
    return write.find() && !statement.contains("RETURNING") ? write.group(1) : null;
  }

  private static Set<String> tables(final String statement) {
    final Set<String> tables = new HashSet<>();
    final Matcher table = TABLE.matcher(statement);
    while (table.find()) {
      tables.add(table.group(1));
    }
    return tables;
  }

  private static boolean disjoint(final Set<String> tables, final Set<String> changed) {
    for (final String table : tables) {
      if (changed.contains(table)) {
        return false;
      }
    }
    return true;
  }
}
