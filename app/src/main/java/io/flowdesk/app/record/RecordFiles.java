package io.flowdesk.app.record;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.Attachment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Attaching files to a record and downloading them, the same on every kind of record page (the
 * record core stores them and refuses what is too large).
 */
public final class RecordFiles {

  private RecordFiles() {}

  /** Attaches the upload by {@code username}, telling the page what happened in a flash message. */
  public static void attach(
      final RecordRef record,
      final String username,
      final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    if (file.isEmpty()) {
      redirect.addFlashAttribute("problem", "Choose a file to attach.");
      return;
    }
    try (InputStream content = file.getInputStream()) {
      final Attachment attached =
          record
              .core()
              .attach(
                  record.id(),
                  file.getOriginalFilename(),
                  file.getContentType(),
                  content,
                  Actor.person(username));
      redirect.addFlashAttribute("flash", "Attached " + attached.fileName() + ".");
    } catch (IllegalArgumentException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
    }
  }

  /**
   * The record's attachment {@code id}, always as a download, never rendered in our origin: an
   * uploaded HTML or SVG file must not run.
   *
   * @throws ResponseStatusException 404 when the record has no such attachment
   */
  public static ResponseEntity<byte[]> download(final RecordRef record, final long id) {
    final Attachment attachment =
        record.core().attachments(record.id()).stream()
            .filter(a -> a.id() == id)
            .findFirst()
            .orElseThrow(() -> noSuch(id));
    final byte[] content =
        record.core().attachmentContent(record.id(), id).orElseThrow(() -> noSuch(id));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(attachment.fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(content);
  }

  private static ResponseStatusException noSuch(final long id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No attachment " + id);
  }
}
