package io.flowdesk.connectors.rpa;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a successful run produced.
 *
 * @param variables the variables written by extract steps: a String for text and attributes, a
 *     {@code List<Map<String, String>>} (header cell to cell text) for tables; any secret value in
 *     them is masked as {@code ***}
 * @param screenshots the files of the script's screenshot steps, by name
 * @param steps every step in order with its duration
 */
public record RpaResult(
    Map<String, Object> variables, Map<String, Path> screenshots, List<RpaStepResult> steps) {

  public RpaResult {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    screenshots = Map.copyOf(screenshots);
    steps = List.copyOf(steps);
  }
}
