package io.flowdesk.connectors.rpa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The files of one run, in a directory of their own named by time and a random suffix, created only
 * when the first file is written.
 */
final class RunArtifacts {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path directory;

  RunArtifacts(final Path root) {
    this.directory =
        root.resolve(
            "rpa-"
                + LocalDateTime.now(ZoneOffset.UTC).format(STAMP)
                + "-"
                + UUID.randomUUID().toString().substring(0, 8));
  }

  String runId() {
    return directory.getFileName().toString();
  }

  /** The path for {@code fileName} inside this run's directory, which now exists. */
  Path file(final String fileName) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the RPA artifacts directory " + directory, e);
    }
    return directory.resolve(fileName);
  }
}
