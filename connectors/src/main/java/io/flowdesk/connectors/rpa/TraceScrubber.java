package io.flowdesk.connectors.rpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Playwright records filled values in a trace (as action parameters, in DOM snapshots and in posted
 * form bodies), so a trace kept for a failure is rewritten with every secret masked before anyone
 * gets its path.
 */
final class TraceScrubber {

  private TraceScrubber() {}

  static void scrub(final Path trace, final RunSecrets secrets) throws IOException {
    if (secrets.isEmpty()) {
      return;
    }
    final Path scrubbed = trace.resolveSibling(trace.getFileName() + ".scrubbing");
    try (InputStream in = Files.newInputStream(trace);
        ZipInputStream zipIn = new ZipInputStream(in);
        OutputStream out = Files.newOutputStream(scrubbed);
        ZipOutputStream zipOut = new ZipOutputStream(out)) {
      ZipEntry entry;
      while ((entry = zipIn.getNextEntry()) != null) {
        zipOut.putNextEntry(new ZipEntry(entry.getName()));
        zipOut.write(secrets.mask(zipIn.readAllBytes()));
        zipOut.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(scrubbed);
      // A trace that cannot be scrubbed must not stay behind with the secret in it.
      Files.deleteIfExists(trace);
      throw e;
    }
    Files.move(scrubbed, trace, StandardCopyOption.REPLACE_EXISTING);
  }
}
