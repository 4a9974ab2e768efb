package io.flowdesk.app.record;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A record's attached file as an HTTP answer, for every kind of record page. */
public final class Downloads {

  private Downloads() {}

  /** Always a download, never rendered in our origin: an uploaded HTML or SVG file must not run. */
  public static ResponseEntity<byte[]> attachment(final String fileName, final byte[] content) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(content);
  }
}
