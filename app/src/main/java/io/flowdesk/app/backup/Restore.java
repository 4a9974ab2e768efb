package io.flowdesk.app.backup;

import io.flowdesk.app.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Puts a backup into a data directory. It is unpacked beside the target first and PostgreSQL
 * replays its WAL there; only a database that started and holds the schemas the backup names is
 * moved into place, so a failed restore leaves the directory as it was.
 */
final class Restore {

  private final DataDirectory target;

  Restore(final DataDirectory target) {
    this.target = target;
  }

  /**
   * @param replace whether data already in the directory may be replaced ({@code --force})
   * @throws BackupProblem naming what stands in the way
   */
  void from(final BackupFile backup, final boolean replace) throws IOException {
    final List<String> existing = target.flowdeskData();
    if (!existing.isEmpty() && !replace) {
      throw new BackupProblem(
          target.root()
              + " already holds Flowdesk data ("
              + String.join(", ", existing)
              + "); restore into an empty data directory (FLOWDESK_DATA_DIR or --data-dir) or"
              + " add --force to replace it");
    }
    if (EmbeddedDatabaseAccess.isServing(target.postgres())) {
      throw new BackupProblem(
          "a Flowdesk is running on " + target.root() + "; stop it before restoring");
    }
    Files.createDirectories(target.root());
    final DataDirectory staging =
        new DataDirectory(target.root().resolve(".restoring-" + UUID.randomUUID()));
    try {
      unpack(backup, staging.root());
      check(backup, staging);
      moveIntoPlace(staging, backup.manifest().withKey());
    } finally {
      deleteTree(staging.root());
    }
  }

  private static void unpack(final BackupFile backup, final Path into) throws IOException {
    final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Files.createDirectories(into);
    final Enumeration<? extends ZipEntry> entries = backup.zip().entries();
    while (entries.hasMoreElements()) {
      final ZipEntry entry = entries.nextElement();
      if (entry.getName().equals(BackupManifest.ENTRY)) {
        continue;
      }
      final Path path = into.resolve(entry.getName()).normalize();
      if (!path.startsWith(into)) {
        throw new BackupProblem(
            backup.path()
                + " is not a Flowdesk backup (entry "
                + entry.getName()
                + " points outside the data directory)");
      }
      if (entry.isDirectory()) {
        Files.createDirectories(path);
        continue;
      }
      Files.createDirectories(path.getParent());
      try (InputStream in = backup.zip().getInputStream(entry)) {
        Files.copy(in, path);
      }
    }
    if (posix) {
      // PostgreSQL refuses a data directory others can read; the key is as private.
      try (Stream<Path> walk = Files.walk(into)) {
        for (final Path path : walk.toList()) {
          Files.setPosixFilePermissions(
              path,
              PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
      }
    }
  }

  /** PostgreSQL replays the WAL and must then show every schema as far as the backup said. */
  private static void check(final BackupFile backup, final DataDirectory staging) {
    if (!staging.hasDatabase()) {
      throw new BackupProblem(backup.path() + " is not a Flowdesk backup (it holds no database)");
    }
    final Map<String, Integer> restored;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(staging.postgres(), 0)) {
      final Properties user = new Properties();
      user.setProperty("user", server.user());
      try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), user)) {
        restored = SchemaLevels.of(connection);
      }
    } catch (SQLException | RuntimeException e) {
      throw new BackupProblem(
          "the database in " + backup.path() + " does not start: " + e.getMessage(), e);
    }
    if (!restored.equals(backup.manifest().schemaLevels())) {
      throw new BackupProblem(
          "the database in "
              + backup.path()
              + " is incomplete: its schemas are at "
              + restored
              + ", the backup says "
              + backup.manifest().schemaLevels());
    }
  }

  private void moveIntoPlace(final DataDirectory staging, final boolean withKey)
      throws IOException {
    final Path replaced = target.root().resolve(".replaced-" + UUID.randomUUID());
    Files.createDirectories(replaced);
    try {
      moveAside(target.postgres(), replaced);
      Files.move(staging.postgres(), target.postgres(), StandardCopyOption.ATOMIC_MOVE);
      if (withKey) {
        // Without a key in the backup, a key already here stays: it may be the one it needs.
        moveAside(target.keyFile(), replaced);
        Files.move(staging.keyFile(), target.keyFile(), StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new BackupProblem(
          "the restore stopped while moving the data into "
              + target.root()
              + " ("
              + e
              + "); what was there before is kept in "
              + replaced,
          e);
    }
    deleteTree(replaced);
  }

  private static void moveAside(final Path path, final Path replaced) throws IOException {
    if (Files.exists(path)) {
      Files.move(path, replaced.resolve(path.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void deleteTree(final Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (final Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
