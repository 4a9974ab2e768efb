package io.flowdesk.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read as Docker reads it (continued lines joined, comments dropped), since Docker
 * cannot run here: the image that runs Flowdesk has Debian's Chromium for the RPA connector and
 * points Playwright at it without ever downloading a browser, runs as a user other than root, and
 * says when it is healthy.
 */
class DockerfileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The instructions of the last stage: the image that runs. */
  private static List<Instruction> runtime;

  private static String whole;

  private record Instruction(String keyword, String arguments) {}

  @BeforeAll
  static void read() throws IOException {
    final List<Instruction> instructions = new ArrayList<>();
    final StringBuilder current = new StringBuilder();
    for (final String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
      final String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      final String[] parts = current.toString().split("\\s+", 2);
      instructions.add(
          new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
      current.setLength(0);
    }
    whole = String.join("\n", instructions.stream().map(Instruction::arguments).toList());
    int lastFrom = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    runtime = instructions.subList(lastFrom, instructions.size());
  }

  @Test
  void theRunningImageInstallsDebiansChromium() {
    // Ubuntu's chromium package only points to a snap, which does not run in a container.
    assertThat(runtime.get(0).arguments()).startsWith("debian:");
    assertThat(packagesInstalled()).contains("chromium", "fonts-liberation");
    assertThat(packagesInstalled()).anyMatch(name -> name.matches("openjdk-\\d+-jre-headless"));
  }

  @Test
  void playwrightDrivesThatChromiumAndDownloadsNone() {
    assertThat(environment()).contains("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1");
    assertThat(environment()).contains("FLOWDESK_CONNECTORS_RPA_CHROMIUM=/usr/bin/chromium");
    assertThat(ComposeFileTest.connectorSetting("FLOWDESK_CONNECTORS_RPA_CHROMIUM"))
        .as("FLOWDESK_CONNECTORS_RPA_CHROMIUM is a setting Flowdesk reads")
        .isTrue();
    assertThat(whole.toLowerCase(Locale.ROOT))
        .doesNotContain("playwright install")
        .doesNotContain("com.microsoft.playwright.cli");
  }

  @Test
  void runsAsAUserOtherThanRoot() {
    final List<String> users =
        runtime.stream()
            .filter(instruction -> instruction.keyword().equals("USER"))
            .map(Instruction::arguments)
            .toList();
    assertThat(users).isNotEmpty();
    final String user = users.get(users.size() - 1);
    assertThat(user).isNotIn("root", "0", "0:0");
    assertThat(runs()).anyMatch(run -> run.contains("useradd") && run.endsWith(" " + user));
    assertThat(keywords().indexOf("USER")).isLessThan(keywords().indexOf("ENTRYPOINT"));
  }

  @Test
  void saysWhenItIsHealthy() {
    final List<String> checks =
        runtime.stream()
            .filter(instruction -> instruction.keyword().equals("HEALTHCHECK"))
            .map(Instruction::arguments)
            .toList();
    assertThat(checks).singleElement().asString().contains("CMD", "/actuator/health");
  }

  @Test
  void runsTheJarTheBuildStageMade() {
    final String copied =
        runtime.stream()
            .filter(instruction -> instruction.keyword().equals("COPY"))
            .map(Instruction::arguments)
            .filter(arguments -> arguments.startsWith("--from=build"))
            .findFirst()
            .orElseThrow();
    final String jar = copied.substring(copied.lastIndexOf(' ') + 1);
    assertThat(runtime.stream().filter(instruction -> instruction.keyword().equals("ENTRYPOINT")))
        .singleElement()
        .satisfies(entry -> assertThat(entry.arguments()).contains("\"" + jar + "\""));
  }

  private static List<String> keywords() {
    return runtime.stream().map(Instruction::keyword).toList();
  }

  private static List<String> runs() {
    final List<String> commands = new ArrayList<>();
    for (final Instruction instruction : runtime) {
      if (instruction.keyword().equals("RUN")) {
        Arrays.stream(instruction.arguments().split("&&"))
            .map(String::strip)
            .forEach(commands::add);
      }
    }
    return commands;
  }

  private static List<String> packagesInstalled() {
    final List<String> packages = new ArrayList<>();
    for (final String run : runs()) {
      if (run.startsWith("apt-get install")) {
        Arrays.stream(run.split("\\s+"))
            .skip(2)
            .filter(word -> !word.startsWith("-"))
            .forEach(packages::add);
      }
    }
    return packages;
  }

  private static List<String> environment() {
    final List<String> settings = new ArrayList<>();
    for (final Instruction instruction : runtime) {
      if (instruction.keyword().equals("ENV")) {
        settings.addAll(Arrays.asList(instruction.arguments().split("\\s+")));
      }
    }
    return settings;
  }
}
