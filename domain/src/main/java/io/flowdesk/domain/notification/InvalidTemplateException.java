package io.flowdesk.domain.notification;

import java.util.Map;

/** A template refused before anything was written; {@link #problems()} maps field to message. */
public class InvalidTemplateException extends RuntimeException {

  private final Map<String, String> problems;

  public InvalidTemplateException(final Map<String, String> problems) {
    super(String.join("; ", problems.values()));
    this.problems = Map.copyOf(problems);
  }

  /** Field ({@code subject}, {@code text}, {@code html}) to what is wrong with it. */
  public Map<String, String> problems() {
    return problems;
  }
}
