package io.flowdesk.connectors.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the quoted earlier conversation off a reply, so that only what the sender wrote now becomes
 * a comment on the record. It stops at the first line that opens a quoted mail:
 *
 * <ul>
 *   <li>an attribution line: {@code On <date>, <name> wrote:} (also wrapped over up to three lines,
 *       and the German {@code Am ... schrieb ...:} and French {@code Le ... a écrit :});
 *   <li>{@code -----Original Message-----} and its German and French forms;
 *   <li>Outlook's header block: a line of underscores, or {@code From:} followed within four lines
 *       by {@code Sent:}/{@code Date:};
 * </ul>
 *
 * and drops every line starting with {@code >} (inline quotes), keeping the sender's own lines in
 * between.
 */
public final class QuotedReplyStripper {

  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "^(On\\s.+\\swrote|Am\\s.+\\sschrieb\\s.+|Le\\s.+\\sa\\s+écrit\\s?)\\s*:\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ATTRIBUTION_START =
      Pattern.compile("^(On|Am|Le)\\s", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\\s*-{2,}$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UNDERSCORES = Pattern.compile("^_{10,}$");
  private static final Pattern FROM_HEADER =
      Pattern.compile("^\\*?(From|Von|De)\\s*:\\*?\\s.+", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENT_HEADER =
      Pattern.compile(
          "^\\*?(Sent|Date|Gesendet|Datum|Envoyé)\\s*:\\*?\\s.+", Pattern.CASE_INSENSITIVE);

  private QuotedReplyStripper() {}

  public static String strip(final String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    final String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    final List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      final String line = lines[i].strip();
      if (opensQuotedMail(lines, i)) {
        break;
      }
      if (!line.startsWith(">")) {
        kept.add(lines[i].stripTrailing());
      }
    }
    return String.join("\n", kept).strip();
  }

  private static boolean opensQuotedMail(final String[] lines, final int index) {
    final String line = lines[index].strip();
    if (ORIGINAL_MESSAGE.matcher(line).matches() || UNDERSCORES.matcher(line).matches()) {
      return true;
    }
    if (ATTRIBUTION_START.matcher(line).find()) {
      final StringBuilder joined = new StringBuilder(line);
      for (int i = index; i < Math.min(lines.length, index + 3); i++) {
        if (i > index) {
          joined.append(' ').append(lines[i].strip());
        }
        if (ATTRIBUTION.matcher(joined).matches()) {
          return true;
        }
      }
    }
    if (FROM_HEADER.matcher(line).matches()) {
      for (int i = index + 1; i < Math.min(lines.length, index + 5); i++) {
        if (SENT_HEADER.matcher(lines[i].strip()).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
