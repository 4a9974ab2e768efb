package io.flowdesk.app.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Unfinished work belongs in an issue, not in a comment that ships: no module's main code may carry
 * a TODO or FIXME.
 */
class NoTodoInMainCodeTest {

  private static final Pattern MARKER = Pattern.compile("\\b(TODO|FIXME)\\b");

  @Test
  void mainCodeOfEveryModuleIsFreeOfTodoMarkers() throws IOException {
    final Path root = Path.of("..").toAbsolutePath().normalize();
    final List<String> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders =
          files
              .filter(file -> file.toString().contains("/src/main/"))
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> !file.toString().contains("/target/"))
              .filter(NoTodoInMainCodeTest::hasMarker)
              .map(file -> root.relativize(file).toString())
              .toList();
    }
    assertThat(root.resolve("pom.xml")).exists();
    assertThat(offenders).as("main sources with TODO/FIXME").isEmpty();
  }

  private static boolean hasMarker(final Path file) {
    try {
      return MARKER.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
