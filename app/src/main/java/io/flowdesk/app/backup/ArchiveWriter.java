package io.flowdesk.app.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The backup file being written: a ZIP archive (Zip64 beyond 4 GB, read by any unzip tool). */
final class ArchiveWriter implements AutoCloseable {

  private final ZipOutputStream zip;

  ArchiveWriter(final Path file) throws IOException {
    zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    // Most of a database is indexes and WAL pages that compress well even at the fastest level;
    // higher levels cost the backup several times the time for a few percent.
    zip.setLevel(Deflater.BEST_SPEED);
  }

  void directory(final String name) throws IOException {
    zip.putNextEntry(new ZipEntry(name.endsWith("/") ? name : name + "/"));
    zip.closeEntry();
  }

  void bytes(final String name, final byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  /**
   * Copies the file as it is now; PostgreSQL's files change while a running server is backed up,
   * and replaying the WAL copied afterwards repairs that. A file that vanished meanwhile (a dropped
   * table, a temporary file) is left out: PostgreSQL no longer needs it.
   *
   * @return the bytes copied, -1 when the file had gone
   */
  long file(final String name, final Path file) throws IOException {
    final InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      return -1;
    }
    try (in) {
      zip.putNextEntry(new ZipEntry(name));
      final long copied = in.transferTo(zip);
      zip.closeEntry();
      return copied;
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
