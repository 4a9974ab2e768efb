package io.flowdesk.app.operate.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The problems of a refused deployment, per file and element, read from the engine's rejection
 * text. The engine (like Zeebe) renders them as {@code 'order.bpmn': - Element: task} followed by
 * {@code - ERROR: ...} lines; lines that name no element stay with their file as general problems.
 */
record DeploymentProblems(List<FileProblems> files) {

  private static final Pattern FILE = Pattern.compile("^'([^']+)':\\s*(.*)$");
  private static final Pattern ELEMENT = Pattern.compile("^\\s*- Element: (.+)$");
  private static final Pattern ERROR = Pattern.compile("^\\s*- (?:ERROR|WARNING): (.*)$");

  /** The problems of one uploaded file. */
  record FileProblems(String file, List<String> general, Map<String, List<String>> elements) {}

  static DeploymentProblems parse(final String rejection) {
    final List<FileProblems> files = new ArrayList<>();
    FileProblems current = null;
    String element = null;
    for (final String line : rejection == null ? new String[0] : rejection.split("\n")) {
      final Matcher file = FILE.matcher(line);
      if (file.matches()) {
        current = new FileProblems(file.group(1), new ArrayList<>(), new LinkedHashMap<>());
        files.add(current);
        element = null;
        final String rest = file.group(2);
        final Matcher first = ELEMENT.matcher(rest);
        if (first.matches()) {
          element = first.group(1).strip();
          current.elements().put(element, new ArrayList<>());
        } else if (!rest.isBlank()) {
          current.general().add(rest.strip());
        }
        continue;
      }
      if (current == null) {
        // The engine's leading sentence ("Expected to deploy new resources, but ...").
        continue;
      }
      final Matcher named = ELEMENT.matcher(line);
      final Matcher error = ERROR.matcher(line);
      if (named.matches()) {
        element = named.group(1).strip();
        current.elements().computeIfAbsent(element, e -> new ArrayList<>());
      } else if (error.matches() && element != null) {
        current.elements().get(element).add(error.group(1).strip());
      } else if (!line.isBlank()) {
        current.general().add(line.strip());
      }
    }
    return new DeploymentProblems(List.copyOf(files));
  }
}
