package io.flowdesk.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command, {@code ./flowdesk}, builds only when a source is newer than the
 * packaged jar: asked with {@code --build-needed} in a copy of the script beside a small tree of
 * the shape it looks at (the decision is the script's; Maven is not run).
 */
class FlowdeskScriptTest {

  private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path root;

  @BeforeEach
  void aBuiltTree() throws IOException {
    Files.copy(Path.of("..", "flowdesk"), root.resolve("flowdesk"));
    write("pom.xml", BUILT.minusSeconds(60));
    write("domain/pom.xml", BUILT.minusSeconds(60));
    write("domain/src/main/java/Record.java", BUILT.minusSeconds(60));
    write("engine/core/src/main/java/Engine.java", BUILT.minusSeconds(60));
    write("processes/incident.bpmn", BUILT.minusSeconds(60));
    write("forms/report.form", BUILT.minusSeconds(60));
    write("app/target/flowdesk-app.jar", BUILT);
    write("app/target/classes/Stale.class", BUILT.plusSeconds(60));
    write("data/postgres/base", BUILT.plusSeconds(60));
  }

  @Test
  void nothingChangedSinceTheBuildNeedsNoBuild() throws Exception {
    assertThat(buildNeeded()).isEqualTo("no");
  }

  @Test
  void aChangedSourceProcessFormOrBuildFileNeedsABuild() throws Exception {
    for (final String changed :
        new String[] {
          "domain/src/main/java/Record.java",
          "engine/core/src/main/java/Engine.java",
          "processes/incident.bpmn",
          "forms/report.form",
          "domain/pom.xml"
        }) {
      Files.setLastModifiedTime(root.resolve(changed), FileTime.from(BUILT.plusSeconds(1)));
      assertThat(buildNeeded()).as(changed).isEqualTo("yes");
      Files.setLastModifiedTime(root.resolve(changed), FileTime.from(BUILT.minusSeconds(60)));
    }
  }

  @Test
  void noJarYetNeedsABuild() throws Exception {
    Files.delete(root.resolve("app/target/flowdesk-app.jar"));
    assertThat(buildNeeded()).isEqualTo("yes");
  }

  private void write(final String file, final Instant modified) throws IOException {
    final Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, file);
    Files.setLastModifiedTime(path, FileTime.from(modified));
  }

  private String buildNeeded() throws Exception {
    final Process script =
        new ProcessBuilder("bash", "flowdesk", "--build-needed")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
