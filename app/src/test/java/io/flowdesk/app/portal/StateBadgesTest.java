package io.flowdesk.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.request.RequestState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every state of every record kind has a badge class that flowdesk.css colours: a background of its
 * own (not the plain badge's grey) and text on it at WCAG 2.1 AA contrast (4.5:1 for the small
 * badge text). A state added to a domain enum without a class, or a class without its rule, fails
 * here.
 */
class StateBadgesTest {

  private static final double AA_NORMAL_TEXT = 4.5;

  private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
  private static final Pattern TOKEN =
      Pattern.compile("(--fd-[a-z0-9-]+)\\s*:\\s*(#[0-9a-fA-F]{3,6})\\b");
  private static final Pattern DECLARATION =
      Pattern.compile("(?:^|;)\\s*(background|color)\\s*:\\s*([^;]+)");

  private static final PortalFormat FORMAT = new PortalFormat(ZoneOffset.UTC);

  private static Map<String, String> tokens;
  private static Map<String, Map<String, String>> rules;

  @BeforeAll
  static void readTheStylesheet() throws IOException {
    final String css;
    try (InputStream in = StateBadgesTest.class.getResourceAsStream("/static/css/flowdesk.css")) {
      assertThat(in).as("flowdesk.css on the classpath").isNotNull();
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
    }
    tokens = new HashMap<>();
    final Matcher token = TOKEN.matcher(css);
    while (token.find()) {
      tokens.put(token.group(1), token.group(2));
    }
    rules = new HashMap<>();
    final Matcher rule = RULE.matcher(css);
    while (rule.find()) {
      for (final String selector : rule.group(1).split(",")) {
        final Map<String, String> declared =
            rules.computeIfAbsent(selector.strip(), s -> new LinkedHashMap<>());
        final Matcher declaration = DECLARATION.matcher(rule.group(2));
        while (declaration.find()) {
          declared.put(declaration.group(1), declaration.group(2).strip());
        }
      }
    }
  }

  @Test
  void everyIncidentStateHasAColouredBadge() {
    everyStateHasAColouredBadge(IncidentState.values(), FORMAT::stateClass);
  }

  @Test
  void everyRequestStateHasAColouredBadge() {
    everyStateHasAColouredBadge(RequestState.values(), FORMAT::stateClass);
  }

  @Test
  void everyChangeStateHasAColouredBadge() {
    everyStateHasAColouredBadge(ChangeState.values(), FORMAT::stateClass);
  }

  @Test
  void everyProblemStateHasAColouredBadge() {
    everyStateHasAColouredBadge(ProblemState.values(), FORMAT::stateClass);
  }

  @Test
  void statesOfTheSameMeaningShareATone() {
    assertThat(FORMAT.stateClass(RequestState.FULFILLED))
        .isEqualTo(FORMAT.stateClass(IncidentState.RESOLVED))
        .isEqualTo(FORMAT.stateClass(ProblemState.RESOLVED));
    assertThat(FORMAT.stateClass(RequestState.SUBMITTED))
        .isEqualTo(FORMAT.stateClass(ChangeState.NEW))
        .isEqualTo(FORMAT.stateClass(IncidentState.NEW));
    assertThat(FORMAT.stateClass(RequestState.AWAITING_APPROVAL))
        .isEqualTo(FORMAT.stateClass(ChangeState.AUTHORIZE));
    assertThat(FORMAT.stateClass(RequestState.REJECTED))
        .isNotEqualTo(FORMAT.stateClass(RequestState.CANCELED));
    assertThat(FORMAT.stateClass((RequestState) null)).isEmpty();
  }

  private static <S extends Enum<S>> void everyStateHasAColouredBadge(
      final S[] states, final Function<S, String> classOf) {
    final String plain = colour(rules.get(".fd-state").get("background"));
    for (final S state : states) {
      final String suffix = classOf.apply(state);
      final String selector = ".fd-state-" + suffix;
      assertThat(suffix).as("badge class of %s", state).isNotBlank();
      assertThat(rules.containsKey(selector))
          .as("flowdesk.css has a rule for %s (%s)", selector, state)
          .isTrue();
      final Map<String, String> declared = rules.get(selector);
      assertThat(declared)
          .as("%s sets background and color", selector)
          .containsKeys("background", "color");
      final String background = colour(declared.get("background"));
      final String text = colour(declared.get("color"));
      assertThat(background).as("%s has a background of its own", selector).isNotEqualTo(plain);
      assertThat(contrast(text, background))
          .as("contrast of %s text %s on %s", selector, text, background)
          .isGreaterThanOrEqualTo(AA_NORMAL_TEXT);
    }
    assertThat(Arrays.stream(states).map(classOf).distinct().count())
        .as("more than one tone")
        .isGreaterThan(1);
  }

  /** A hex colour, a design token's value for {@code var(--fd-…)}. */
  private static String colour(final String value) {
    final Matcher var = Pattern.compile("var\\((--fd-[a-z0-9-]+)\\)").matcher(value);
    final String hex = var.matches() ? tokens.get(var.group(1)) : value;
    assertThat(hex).as("a hex colour for %s", value).matches("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");
    final String lower = hex.toLowerCase(Locale.ROOT);
    // #abc is #aabbcc
    return lower.length() == 4 ? lower.replaceAll("([0-9a-f])", "$1$1") : lower;
  }

  /** WCAG 2.1 contrast ratio of two hex colours. */
  private static double contrast(final String a, final String b) {
    final double first = luminance(a);
    final double second = luminance(b);
    return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
  }

  private static double luminance(final String hex) {
    final double[] channels = new double[3];
    for (int i = 0; i < 3; i++) {
      final double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }
}
