package io.flowdesk.domain.record;

import java.util.regex.Pattern;

/**
 * A kind of record (incident, request, and the change and problem records to follow) and where its
 * shared mechanics live. Every kind keeps the same side tables in schema {@code domain}, named
 * after its main table: {@code <table>_audit}, {@code <table>_journal}, {@code <table>_attachment},
 * {@code <table>_watcher}, {@code <table>_job}, each with column {@code <table>_id}, and sequence
 * {@code <table>_number_seq}; numbers are the prefix and seven digits (INC0000001, REQ0000001).
 *
 * @param table the main table, e.g. {@code incident}
 * @param prefix the number prefix, e.g. {@code INC}
 * @param noun how messages name one record, e.g. "incident"
 */
public record RecordKind(String table, String prefix, String noun) {

  // Before the constants: they are checked against it as they are made.
  private static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,40}");

  public static final RecordKind INCIDENT = new RecordKind("incident", "INC", "incident");
  public static final RecordKind REQUEST = new RecordKind("request", "REQ", "request");
  public static final RecordKind CHANGE = new RecordKind("change_request", "CHG", "change");
  public static final RecordKind PROBLEM = new RecordKind("problem", "PRB", "problem");
  public static final RecordKind KNOWLEDGE = new RecordKind("knowledge_article", "KB", "article");

  public RecordKind {
    // Table names go into SQL text; only plain lower-case names can get there.
    if (table == null || !NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("record table must match " + NAME + ": " + table);
    }
    if (prefix == null || !prefix.matches("[A-Z]{2,5}")) {
      throw new IllegalArgumentException("record prefix must be 2 to 5 capitals: " + prefix);
    }
  }

  String mainTable() {
    return "domain." + table;
  }

  String side(final String suffix) {
    return "domain." + table + "_" + suffix;
  }

  String idColumn() {
    return table + "_id";
  }

  /** Whether {@code number} looks like one of this kind's numbers. */
  public boolean numbers(final String number) {
    return number != null && number.matches(prefix + "\\d{7,}");
  }
}
