package io.flowdesk.connectors.rpa;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One typed step of an {@link RpaScript}. String fields may hold {@code ${name}} references to the
 * caller's inputs or to variables extracted by earlier steps; they are substituted just before the
 * step runs. {@code timeout} is null when the step uses the runner's default.
 */
public sealed interface RpaStep {

  /** The step's action name as written in the script ({@code "fill"}, {@code "click"}...). */
  String action();

  /** This step's own timeout, or null for the runner's default. */
  Duration timeout();

  /**
   * A one-line description for logs, results and errors, built from the script's text (before
   * substitution). Fill values are always masked: they are often credentials.
   */
  String describe();

  /** The fields that may carry {@code ${name}} references. */
  List<String> templates();

  /** The variable this step writes, if it extracts one. */
  default Optional<String> writes() {
    return Optional.empty();
  }

  /** Loads a page. */
  record Goto(String url, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "goto";
    }

    @Override
    public String describe() {
      return "goto " + quote(url);
    }

    @Override
    public List<String> templates() {
      return List.of(url);
    }
  }

  /** Types into a field either a literal value or a secret fetched by name from the caller. */
  record Fill(String selector, String value, String secret, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "fill";
    }

    @Override
    public String describe() {
      return secret != null
          ? "fill " + quote(selector) + " with secret " + quote(secret)
          : "fill " + quote(selector) + " with ***";
    }

    @Override
    public List<String> templates() {
      return value != null ? List.of(selector, value) : List.of(selector);
    }
  }

  /** Clicks an element. */
  record Click(String selector, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "click";
    }

    @Override
    public String describe() {
      return "click " + quote(selector);
    }

    @Override
    public List<String> templates() {
      return List.of(selector);
    }
  }

  /** Chooses an option of a {@code <select>} by its value or by its visible label. */
  record Select(String selector, String value, String label, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "select";
    }

    @Override
    public String describe() {
      return value != null
          ? "select value " + quote(value) + " in " + quote(selector)
          : "select label " + quote(label) + " in " + quote(selector);
    }

    @Override
    public List<String> templates() {
      return List.of(selector, value != null ? value : label);
    }
  }

  /** Ticks ({@code check}) or clears ({@code uncheck}) a checkbox or radio button. */
  record Check(String selector, boolean checked, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return checked ? "check" : "uncheck";
    }

    @Override
    public String describe() {
      return action() + " " + quote(selector);
    }

    @Override
    public List<String> templates() {
      return List.of(selector);
    }
  }

  /** Waits until an element (by selector) or a text reaches a state. */
  record WaitFor(String selector, String text, WaitState state, Duration timeout)
      implements RpaStep {
    @Override
    public String action() {
      return "waitFor";
    }

    @Override
    public String describe() {
      return "waitFor "
          + (selector != null ? quote(selector) : "text " + quote(text))
          + " "
          + state.jsonName();
    }

    @Override
    public List<String> templates() {
      return List.of(selector != null ? selector : text);
    }
  }

  /** Stores an element's visible text in a variable. */
  record ExtractText(String selector, String variable, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "extractText";
    }

    @Override
    public String describe() {
      return "extractText " + quote(selector) + " -> " + variable;
    }

    @Override
    public List<String> templates() {
      return List.of(selector);
    }

    @Override
    public Optional<String> writes() {
      return Optional.of(variable);
    }
  }

  /** Stores one attribute of an element in a variable. */
  record ExtractAttribute(String selector, String attribute, String variable, Duration timeout)
      implements RpaStep {
    @Override
    public String action() {
      return "extractAttribute";
    }

    @Override
    public String describe() {
      return "extractAttribute " + quote(selector) + " @" + attribute + " -> " + variable;
    }

    @Override
    public List<String> templates() {
      return List.of(selector);
    }

    @Override
    public Optional<String> writes() {
      return Optional.of(variable);
    }
  }

  /**
   * Stores a {@code <table>}'s data rows as a list of maps keyed by its header cells; when {@code
   * nextPage} is set, clicks it and collects further pages until it is gone or {@code maxPages}
   * pages were read.
   */
  record ExtractTable(
      String selector, String variable, String nextPage, int maxPages, Duration timeout)
      implements RpaStep {
    @Override
    public String action() {
      return "extractTable";
    }

    @Override
    public String describe() {
      return "extractTable "
          + quote(selector)
          + (nextPage != null ? " (next " + quote(nextPage) + ", max " + maxPages + " pages)" : "")
          + " -> "
          + variable;
    }

    @Override
    public List<String> templates() {
      return nextPage != null ? List.of(selector, nextPage) : List.of(selector);
    }

    @Override
    public Optional<String> writes() {
      return Optional.of(variable);
    }
  }

  /** Saves a full-page PNG under the run's artifacts directory. */
  record Screenshot(String name, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "screenshot";
    }

    @Override
    public String describe() {
      return "screenshot " + quote(name);
    }

    @Override
    public List<String> templates() {
      return List.of();
    }
  }

  /** Fails the run unless an element's text equals or contains the expected text. */
  record AssertText(String selector, String expected, boolean exact, Duration timeout)
      implements RpaStep {
    @Override
    public String action() {
      return "assert";
    }

    @Override
    public String describe() {
      return "assert text of "
          + quote(selector)
          + (exact ? " equals " : " contains ")
          + quote(expected);
    }

    @Override
    public List<String> templates() {
      return List.of(selector, expected);
    }
  }

  /**
   * Fails the run unless the page URL matches (as a whole) a regular expression. Substituted
   * variables are taken literally, not as regular expressions.
   */
  record AssertUrl(String urlPattern, Duration timeout) implements RpaStep {
    @Override
    public String action() {
      return "assert";
    }

    @Override
    public String describe() {
      return "assert url matches " + quote(urlPattern);
    }

    @Override
    public List<String> templates() {
      return List.of(urlPattern);
    }

    /** The pattern with each reference replaced by its quoted value. */
    Pattern compile(final UnaryOperator<String> valueOf) {
      return Pattern.compile(
          Template.substitute(urlPattern, name -> Pattern.quote(valueOf.apply(name))));
    }
  }

  /** States a {@link WaitFor} step can wait for. */
  enum WaitState {
    VISIBLE,
    HIDDEN,
    ATTACHED,
    DETACHED;

    String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<WaitState> of(final String jsonName) {
      return Stream.of(values()).filter(s -> s.jsonName().equals(jsonName)).findFirst();
    }
  }

  private static String quote(final String text) {
    return '"' + text + '"';
  }
}
