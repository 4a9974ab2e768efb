package io.flowdesk.app.request;

import io.flowdesk.app.record.Downloads;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.Attachment;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Attaching files to a request and downloading them, the same for the requester's portal page and
 * the agents' page (the record core stores them and refuses what is too large).
 */
@Component
class RequestFiles {

  private final RequestRecords records;

  RequestFiles(final RequestRecords records) {
    this.records = records;
  }

  /** Attaches the upload, telling the page what happened in a flash message. */
  void attach(
      final Viewer viewer,
      final Request request,
      final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    if (file.isEmpty()) {
      redirect.addFlashAttribute("problem", "Choose a file to attach.");
      return;
    }
    try (InputStream content = file.getInputStream()) {
      final Attachment attached =
          records.attach(
              request.id(),
              file.getOriginalFilename(),
              file.getContentType(),
              content,
              Actor.person(viewer.username()));
      redirect.addFlashAttribute("flash", "Attached " + attached.fileName() + ".");
    } catch (IllegalArgumentException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
    }
  }

  ResponseEntity<byte[]> download(final Request request, final long id) {
    final Attachment attachment =
        records.attachments(request.id()).stream()
            .filter(a -> a.id() == id)
            .findFirst()
            .orElseThrow(() -> noSuch(id));
    final byte[] content =
        records.attachmentContent(request.id(), id).orElseThrow(() -> noSuch(id));
    return Downloads.attachment(attachment.fileName(), content);
  }

  private static ResponseStatusException noSuch(final long id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No attachment " + id);
  }
}
