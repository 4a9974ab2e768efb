package io.flowdesk.engine.feel;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.NamedFunctionParameters;
import org.camunda.feel.syntaxtree.PositionalFunctionParameters;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValString;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The built-in functions that take a regular expression ({@code matches}, {@code replace}, {@code
 * split}, {@code extract}) run it in one step, and a pattern that backtracks catastrophically, such
 * as {@code (a+)+$} on thirty {@code a}s and a {@code b}, runs for hours. Before such a call its
 * pattern is run once on its input through characters that count as steps of the {@link
 * FeelBudget}, so that a runaway pattern fails at the time bound; one that ends in time is then run
 * again by the function itself, which takes about as long.
 */
final class RegexProbe {

  /** Where each function takes its input, pattern and flags, by position and by name. */
  private record Signature(int flagsPosition, String inputName, String patternName) {}

  private static final Map<String, Signature> FUNCTIONS =
      Map.of(
          "matches", new Signature(2, "input", "pattern"),
          "replace", new Signature(3, "input", "pattern"),
          "split", new Signature(-1, "string", "delimiter"),
          "extract", new Signature(-1, "input", "pattern"));

  private RegexProbe() {}

  /** Runs the call's pattern within the budget if the call is one of those functions. */
  static void probe(
      final FeelBudget budget, final FunctionInvocation call, final Function<Exp, Val> eval) {
    final Signature signature = FUNCTIONS.get(call.function());
    if (signature == null) {
      return;
    }
    final Exp input;
    final Exp pattern;
    final Exp flags;
    if (call.params() instanceof PositionalFunctionParameters positional) {
      final java.util.List<Exp> params = CollectionConverters.asJava(positional.params());
      input = params.size() > 1 ? params.get(0) : null;
      pattern = params.size() > 1 ? params.get(1) : null;
      flags =
          signature.flagsPosition() >= 0 && params.size() > signature.flagsPosition()
              ? params.get(signature.flagsPosition())
              : null;
    } else if (call.params() instanceof NamedFunctionParameters named) {
      final Map<String, Exp> params = CollectionConverters.asJava(named.params());
      input = params.get(signature.inputName());
      pattern = params.get(signature.patternName());
      flags = params.get("flags");
    } else {
      return;
    }
    if (input == null || pattern == null) {
      return;
    }
    if (eval.apply(input) instanceof ValString text
        && eval.apply(pattern) instanceof ValString regex) {
      final String flagLetters =
          flags != null && eval.apply(flags) instanceof ValString letters ? letters.value() : "";
      run(budget, text.value(), regex.value(), flagLetters);
    }
  }

  private static void run(
      final FeelBudget budget, final String input, final String regex, final String flags) {
    final Pattern pattern;
    try {
      pattern = Pattern.compile(regex, flags(flags));
    } catch (PatternSyntaxException invalid) {
      return; // the function reports it
    }
    final Matcher matcher = pattern.matcher(new BudgetedCharacters(input, budget));
    while (matcher.find()) {
      // Every match, as replace and split look for them all.
    }
  }

  /** The flags FEEL's regular expression functions understand, as they map them. */
  private static int flags(final String letters) {
    int flags = 0;
    if (letters.contains("s")) {
      flags |= Pattern.DOTALL;
    }
    if (letters.contains("m")) {
      flags |= Pattern.MULTILINE;
    }
    if (letters.contains("i")) {
      flags |= Pattern.CASE_INSENSITIVE;
    }
    if (letters.contains("x")) {
      flags |= Pattern.COMMENTS;
    }
    return flags;
  }

  /** A string whose every character read by the regular expression engine is a budget step. */
  private record BudgetedCharacters(String text, FeelBudget budget) implements CharSequence {

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(final int index) {
      budget.step();
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(final int start, final int end) {
      return new BudgetedCharacters(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
