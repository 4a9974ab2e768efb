package io.flowdesk.connectors.etl.reject;

import io.flowdesk.connectors.etl.EtlException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes rejects to a UTF-8 CSV file with columns {@code line,reason,record}, the record being the
 * row's source values as a JSON object. The file is created (or replaced) when the sink opens.
 */
public final class RejectFile implements RejectSink {

  private final Path file;
  private final CSVPrinter printer;

  private RejectFile(final Path file) throws IOException {
    this.file = file;
    final Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.printer =
        new CSVPrinter(
            writer, CSVFormat.DEFAULT.builder().setHeader("line", "reason", "record").get());
  }

  public static RejectFile create(final Path file) {
    try {
      return new RejectFile(file);
    } catch (IOException e) {
      throw new EtlException("Cannot create reject file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void accept(final Reject reject) {
    try {
      printer.printRecord(reject.line(), reject.reason(), RecordJson.of(reject.record()));
    } catch (IOException e) {
      throw new EtlException("Cannot write reject file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void flush() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new EtlException("Cannot write reject file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public void close() {
    try {
      printer.close(true);
    } catch (IOException e) {
      throw new EtlException("Cannot close reject file " + file + ": " + e.getMessage(), e);
    }
  }
}
