package io.flowdesk.connectors.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML mail body into readable plain text: block elements become lines, list items get a
 * dash, and text inside {@code <blockquote>} gets {@code > } in front, so that {@link
 * QuotedReplyStripper} removes quoted replies from HTML mail the same way as from text mail.
 * Scripts, styles and the head are dropped.
 */
public final class HtmlToText {

  private static final Set<String> BLOCKS =
      Set.of(
          "address", "article", "aside", "dd", "div", "dl", "dt", "footer", "form", "h1", "h2",
          "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
          "table", "tbody", "thead", "tfoot", "tr", "ul");
  private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "template");

  private HtmlToText() {}

  public static String convert(final String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    final Element body = Jsoup.parse(html).body();
    final Writer writer = new Writer();
    NodeTraversor.traverse(writer, body);
    return writer.text();
  }

  /** Walks the tree once, writing lines; block boundaries become line breaks. */
  private static final class Writer implements NodeVisitor {
    private final StringBuilder out = new StringBuilder();
    private int quoteDepth;
    private int skipDepth;
    private int preDepth;
    private boolean atLineStart = true;

    @Override
    public void head(final Node node, final int depth) {
      if (node instanceof Element element) {
        final String tag = element.normalName();
        if (SKIPPED.contains(tag)) {
          skipDepth++;
        } else if (skipDepth == 0) {
          open(tag);
        }
      } else if (node instanceof TextNode textNode && skipDepth == 0) {
        write(preDepth > 0 ? textNode.getWholeText() : collapse(textNode.getWholeText()));
      }
    }

    @Override
    public void tail(final Node node, final int depth) {
      if (node instanceof Element element) {
        final String tag = element.normalName();
        if (SKIPPED.contains(tag)) {
          skipDepth--;
        } else if (skipDepth == 0) {
          close(tag);
        }
      }
    }

    private void open(final String tag) {
      switch (tag) {
        case "br" -> newLine();
        case "blockquote" -> {
          endLine();
          quoteDepth++;
        }
        case "li" -> {
          endLine();
          write("- ");
        }
        case "pre" -> {
          endLine();
          preDepth++;
        }
        case "td", "th" -> {
          if (!atLineStart) {
            write("\t");
          }
        }
        default -> {
          if (BLOCKS.contains(tag)) {
            endLine();
          }
        }
      }
    }

    private void close(final String tag) {
      switch (tag) {
        case "blockquote" -> {
          endLine();
          quoteDepth--;
        }
        case "pre" -> {
          endLine();
          preDepth--;
        }
        case "p", "h1", "h2", "h3", "h4", "h5", "h6" -> {
          endLine();
          newLine();
        }
        default -> {
          if (BLOCKS.contains(tag)) {
            endLine();
          }
        }
      }
    }

    private void write(final String text) {
      final String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          newLine();
        }
        append(lines[i]);
      }
    }

    private void append(final String piece) {
      String text = piece;
      if (atLineStart) {
        text = preDepth > 0 ? text : text.stripLeading();
        if (text.isEmpty()) {
          return;
        }
        out.append("> ".repeat(quoteDepth));
        atLineStart = false;
      }
      out.append(text);
    }

    private void endLine() {
      if (!atLineStart) {
        newLine();
      }
    }

    private void newLine() {
      if (atLineStart && quoteDepth > 0) {
        out.append(">".repeat(quoteDepth));
      }
      out.append('\n');
      atLineStart = true;
    }

    String text() {
      final List<String> lines = new ArrayList<>();
      boolean previousEmpty = true;
      for (final String line : out.toString().split("\n", -1)) {
        final String trimmed = line.stripTrailing();
        // A line of only quote marks is an empty line inside a quote.
        final boolean empty = trimmed.replace(">", "").isEmpty();
        if (!(empty && previousEmpty)) {
          lines.add(trimmed);
        }
        previousEmpty = empty;
      }
      while (!lines.isEmpty() && lines.get(lines.size() - 1).replace(">", "").isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return String.join("\n", lines);
    }

    private static String collapse(final String text) {
      return text.replace('\u00a0', ' ').replaceAll("[ \\t\\r\\n\\f]+", " ");
    }
  }
}
