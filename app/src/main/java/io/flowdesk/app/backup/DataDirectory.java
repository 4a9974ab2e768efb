package io.flowdesk.app.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flowdesk's data directory ({@code FLOWDESK_DATA_DIR}, {@code ./data} by default) as the local
 * default lays it out: the embedded PostgreSQL's directory and the secrets key file.
 */
record DataDirectory(Path root) {

  static final String POSTGRES = "postgres";
  static final String KEY_FILE = "secrets.key";

  DataDirectory {
    root = root.toAbsolutePath().normalize();
  }

  Path postgres() {
    return root.resolve(POSTGRES);
  }

  Path keyFile() {
    return root.resolve(KEY_FILE);
  }

  /** Whether PostgreSQL was ever set up here (initdb writes PG_VERSION first). */
  boolean hasDatabase() {
    return Files.isRegularFile(postgres().resolve("PG_VERSION"));
  }

  /** What here a restore would replace: a non-empty database directory, a key file. */
  List<String> flowdeskData() {
    final List<String> found = new ArrayList<>();
    if (Files.isDirectory(postgres()) && !isEmpty(postgres())) {
      found.add(POSTGRES + "/");
    }
    if (Files.exists(keyFile())) {
      found.add(KEY_FILE);
    }
    return found;
  }

  private static boolean isEmpty(final Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + directory, e);
    }
  }
}
