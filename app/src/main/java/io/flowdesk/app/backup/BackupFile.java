package io.flowdesk.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** A backup file to restore from, checked before anything is written. */
final class BackupFile implements AutoCloseable {

  private final Path path;
  private final ZipFile zip;
  private final BackupManifest manifest;

  private BackupFile(final Path path, final ZipFile zip, final BackupManifest manifest) {
    this.path = path;
    this.zip = zip;
    this.manifest = manifest;
  }

  /**
   * @throws BackupProblem when the file is missing, is no Flowdesk backup, or comes from a Flowdesk
   *     newer than this one
   */
  static BackupFile open(final Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new BackupProblem("no backup file " + path);
    }
    final ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw new BackupProblem(path + " is not a Flowdesk backup (not a backup archive)");
    }
    try {
      final ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
      if (entry == null) {
        throw new BackupProblem(
            path + " is not a Flowdesk backup (it has no " + BackupManifest.ENTRY + ")");
      }
      final BackupManifest manifest;
      try (InputStream in = zip.getInputStream(entry)) {
        manifest = BackupManifest.read(in, path.toString());
      }
      refuseNewer(path, manifest);
      return new BackupFile(path, zip, manifest);
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  private static void refuseNewer(final Path path, final BackupManifest manifest) {
    if (manifest.format() > BackupManifest.CURRENT_FORMAT) {
      throw new BackupProblem(
          path
              + " was written by a newer Flowdesk ("
              + manifest.flowdeskVersion()
              + ", backup format "
              + manifest.format()
              + "); this Flowdesk "
              + FlowdeskVersion.current()
              + " reads format "
              + BackupManifest.CURRENT_FORMAT
              + ": restore it with that version or a later one");
    }
    final Map<String, Integer> shipped = SchemaLevels.shipped();
    manifest
        .schemaLevels()
        .forEach(
            (schema, level) -> {
              final int known = shipped.getOrDefault(schema, 0);
              if (level > known) {
                throw new BackupProblem(
                    path
                        + " is from a newer Flowdesk ("
                        + manifest.flowdeskVersion()
                        + "): its schema "
                        + schema
                        + " is at migration V"
                        + level
                        + ", this Flowdesk "
                        + FlowdeskVersion.current()
                        + " knows up to V"
                        + known
                        + "; restore it with that version or a later one");
              }
            });
  }

  BackupManifest manifest() {
    return manifest;
  }

  ZipFile zip() {
    return zip;
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
