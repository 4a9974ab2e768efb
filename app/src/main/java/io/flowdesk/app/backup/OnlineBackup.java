package io.flowdesk.app.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A physical backup of the embedded PostgreSQL while it serves Flowdesk, as {@code pg_basebackup}
 * makes one (the bundled binaries have no client tools): the data directory copied between {@code
 * pg_backup_start} and {@code pg_backup_stop}, plus the WAL written meanwhile. Restored, PostgreSQL
 * replays that WAL and arrives at the state of the moment the backup ended: every schema (engine,
 * domain, flowdesk with Quartz and the sessions) consistent with each other.
 */
final class OnlineBackup {

  static final String POSTGRES_PREFIX = DataDirectory.POSTGRES + "/";

  // What pg_basebackup leaves out as well: the running server's pid and options, WAL (the needed
  // segments are added once the backup ended), and directories PostgreSQL empties at start.
  private static final Set<String> CONTENT_LEFT_OUT =
      Set.of(
          "pg_wal",
          "pg_replslot",
          "pg_dynshmem",
          "pg_notify",
          "pg_serial",
          "pg_snapshots",
          "pg_stat_tmp",
          "pg_subtrans");
  private static final Set<String> FILES_LEFT_OUT =
      Set.of(
          "postmaster.pid",
          "postmaster.opts",
          "backup_label",
          "backup_label.old",
          "tablespace_map",
          // io.zonky's lock of the JVM that owns the directory.
          "epg-lock");
  private static final Pattern START_SEGMENT =
      Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
  private static final Pattern WAL_SEGMENT = Pattern.compile("[0-9A-F]{24}");

  private final DataDirectory data;

  OnlineBackup(final DataDirectory data) {
    this.data = data;
  }

  /** Writes the database (and the key file unless {@code withKey} is false) to the archive. */
  BackupManifest writeTo(final ArchiveWriter archive, final boolean withKey)
      throws IOException, SQLException {
    try (EmbeddedDatabaseAccess access = EmbeddedDatabaseAccess.open(data);
        Connection connection = access.connect()) {
      connection.setAutoCommit(true);
      final Map<String, Integer> levels = SchemaLevels.of(connection);
      final String postgresVersion = query(connection, "SHOW server_version_num");
      // A temporary slot holds back the WAL from here on until this session ends, so that no
      // checkpoint recycles a segment the backup still has to copy.
      execute(
          connection,
          "SELECT pg_create_physical_replication_slot(?, true, true)",
          "flowdesk_backup_" + UUID.randomUUID().toString().replace("-", ""));
      execute(connection, "SELECT pg_backup_start(?, true)", "flowdesk backup " + Instant.now());
      final BackupManifest manifest =
          new BackupManifest(
              BackupManifest.CURRENT_FORMAT,
              FlowdeskVersion.current(),
              Integer.toString(Integer.parseInt(postgresVersion) / 10000),
              Instant.now(),
              levels,
              withKey && Files.exists(data.keyFile()));
      archive.bytes(BackupManifest.ENTRY, manifest.toBytes());
      copyDataDirectory(archive);
      final String label;
      final String tablespaceMap;
      final String lastSegment;
      try (Statement statement = connection.createStatement();
          ResultSet stop =
              statement.executeQuery(
                  "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_backup_stop(false)")) {
        stop.next();
        label = stop.getString(1);
        tablespaceMap = stop.getString(2);
        lastSegment = stop.getString(3);
      }
      copyWal(archive, startSegment(label), lastSegment);
      archive.bytes(POSTGRES_PREFIX + "backup_label", label.getBytes(StandardCharsets.UTF_8));
      if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
        archive.bytes(
            POSTGRES_PREFIX + "tablespace_map", tablespaceMap.getBytes(StandardCharsets.UTF_8));
      }
      if (manifest.withKey()) {
        archive.file(DataDirectory.KEY_FILE, data.keyFile());
      }
      return manifest;
    }
  }

  private void copyDataDirectory(final ArchiveWriter archive) throws IOException {
    final Path root = data.postgres();
    archive.directory(POSTGRES_PREFIX);
    final List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(path -> !path.equals(root)).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (final Path path : paths) {
      final Path relative = root.relativize(path);
      final String name = POSTGRES_PREFIX + relative.toString().replace('\\', '/');
      if (relative.getNameCount() > 1
          && CONTENT_LEFT_OUT.contains(relative.getName(0).toString())) {
        continue;
      }
      final String fileName = relative.getFileName().toString();
      if (FILES_LEFT_OUT.contains(fileName) || fileName.startsWith("pgsql_tmp")) {
        continue;
      }
      if (Files.isDirectory(path)) {
        archive.directory(name);
      } else if (Files.isRegularFile(path)) {
        archive.file(name, path);
      }
    }
    archive.directory(POSTGRES_PREFIX + "pg_wal/archive_status/");
    archive.directory(POSTGRES_PREFIX + "pg_wal/summaries/");
  }

  private void copyWal(final ArchiveWriter archive, final String first, final String last)
      throws IOException {
    final Path wal = data.postgres().resolve("pg_wal");
    final List<Path> segments;
    try (Stream<Path> files = Files.list(wal)) {
      segments =
          files
              .filter(
                  file -> {
                    final String name = file.getFileName().toString();
                    // Within one timeline segment names sort in WAL order.
                    return name.endsWith(".history")
                        || (WAL_SEGMENT.matcher(name).matches()
                            && name.compareTo(first) >= 0
                            && name.compareTo(last) <= 0);
                  })
              .sorted()
              .toList();
    }
    for (final Path segment : segments) {
      if (archive.file(POSTGRES_PREFIX + "pg_wal/" + segment.getFileName(), segment) < 0) {
        throw new BackupProblem(
            "WAL segment " + segment.getFileName() + " vanished during the backup; try again");
      }
    }
  }

  private static String startSegment(final String label) {
    final Matcher matcher = START_SEGMENT.matcher(label);
    if (!matcher.find()) {
      throw new IllegalStateException(
          "PostgreSQL's backup label names no start WAL file: " + label);
    }
    return matcher.group(1);
  }

  private static String query(final Connection connection, final String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  private static void execute(final Connection connection, final String sql, final String argument)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, argument);
      statement.executeQuery().close();
    }
  }
}
