package io.flowdesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore commands refuse what they cannot do with a message naming the problem, and
 * leave the data directory as it was. (Backing up and restoring a server: BackupRestoreIT.)
 */
class BackupCommandLineTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private int run(final Map<String, String> environment, final String... args) {
    return new BackupCommandLine(environment, new PrintStream(output, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  private int run(final String... args) {
    return run(Map.of(), args);
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void restoringAFileThatIsNotThereSaysSo() {
    final Path missing = dir.resolve("nightly.zip");

    assertThat(run("restore", missing.toString(), "--data-dir=" + dir.resolve("data"))).isOne();
    assertThat(output()).contains("restore failed: no backup file " + missing);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void restoringSomethingElseSaysItIsNotAFlowdeskBackup() throws IOException {
    final Path text = Files.writeString(dir.resolve("notes.zip"), "just text");
    final Path otherZip = zip(dir.resolve("photos.zip"), "photo.jpg", "jpeg bytes");

    assertThat(run("restore", text.toString(), "--data-dir=" + dir.resolve("data"))).isOne();
    assertThat(run("restore", otherZip.toString(), "--data-dir=" + dir.resolve("data"))).isOne();

    assertThat(output())
        .contains(text + " is not a Flowdesk backup (not a backup archive)")
        .contains(otherZip + " is not a Flowdesk backup (it has no flowdesk-backup.properties)");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aBackupFromANewerFlowdeskIsRefusedNamingTheSchemaAndVersions() throws IOException {
    final Path newer =
        zip(
            dir.resolve("newer.zip"),
            BackupManifest.ENTRY,
            manifest(1, "schema.engine=9999\nschema.domain=1\n"));
    final Path newerFormat = zip(dir.resolve("format.zip"), BackupManifest.ENTRY, manifest(2, ""));

    assertThat(run("restore", newer.toString(), "--data-dir=" + dir.resolve("data"))).isOne();
    assertThat(run("restore", newerFormat.toString(), "--data-dir=" + dir.resolve("data"))).isOne();

    assertThat(output())
        .contains(
            newer + " is from a newer Flowdesk (9.9.9): its schema engine is at migration V9999")
        .contains("restore it with that version or a later one")
        .contains(newerFormat + " was written by a newer Flowdesk (9.9.9, backup format 2)");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void restoringOverExistingDataNeedsForce() throws IOException {
    final Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("secrets.key"), "the key in use");
    final Path backup =
        zip(dir.resolve("ok.zip"), BackupManifest.ENTRY, manifest(1, "schema.engine=1\n"));

    assertThat(run("restore", backup.toString(), "--data-dir=" + data)).isOne();

    assertThat(output())
        .contains(data + " already holds Flowdesk data (secrets.key)")
        .contains("add --force to replace it");
    assertThat(data.resolve("secrets.key")).hasContent("the key in use");
  }

  @Test
  void backingUpNothingOrOverAnExistingFileOrAnExternalDatabaseIsRefused() throws IOException {
    final Path existing = Files.writeString(dir.resolve("yesterday.zip"), "yesterday's backup");

    assertThat(run("backup", dir.resolve("b.zip").toString(), "--data-dir=" + dir)).isOne();
    assertThat(run("backup", existing.toString(), "--data-dir=" + dir)).isOne();
    assertThat(
            run(
                Map.of("FLOWDESK_DB_URL", "jdbc:postgresql://db/flowdesk"),
                "backup",
                dir.resolve("c.zip").toString()))
        .isOne();

    assertThat(output())
        .contains("no Flowdesk database in " + dir.resolve("postgres") + ": nothing to back up")
        .contains(existing + " exists already")
        .contains("FLOWDESK_DB_URL is set")
        .contains("back it up with PostgreSQL's own tools");
    assertThat(existing).hasContent("yesterday's backup");
    assertThat(dir.resolve("b.zip")).doesNotExist();
  }

  @Test
  void aCommandLineItDoesNotUnderstandShowsTheUsage() {
    assertThat(run("backup")).isEqualTo(2);
    assertThat(run("restore", "x.zip", "--without-key")).isEqualTo(2);
    assertThat(run("backup", "x.zip", "--fast")).isEqualTo(2);

    assertThat(output())
        .contains("name one backup file")
        .contains("--without-key does not go with restore")
        .contains("unknown option --fast")
        .contains("usage: ./flowdesk backup <file> [--without-key]");
  }

  private static String manifest(final int format, final String schemas) {
    return "format="
        + format
        + "\nflowdesk.version=9.9.9\npostgres.version=17\ncreated-at=2026-01-01T00:00:00Z\n"
        + "secrets-key=true\n"
        + schemas;
  }

  private static Path zip(final Path file, final String entry, final String content)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }
}
