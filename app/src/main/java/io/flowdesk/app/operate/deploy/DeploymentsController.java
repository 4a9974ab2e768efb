package io.flowdesk.app.operate.deploy;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deploy from the browser ({@code /operate/deployments}): upload BPMN, DMN and form files, deployed
 * together through the camunda client; the engine's problems per file and element when it refuses
 * them; the deployment history.
 */
@Controller
@RequestMapping("/operate/deployments")
class DeploymentsController {

  /** Files per upload; Modeler deploys one diagram with its forms and decisions. */
  static final int MAX_FILES = 20;

  /** Zeebe's default largest message; a larger resource would be refused by a Camunda cluster. */
  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private static final int HISTORY = 50;

  private final BrowserDeployments deployments;
  private final DeploymentHistory history;
  private final Viewers viewers;

  DeploymentsController(
      final BrowserDeployments deployments,
      final DeploymentHistory history,
      final Viewers viewers) {
    this.deployments = deployments;
    this.history = history;
    this.viewers = viewers;
  }

  @GetMapping
  String page(final Model model) {
    model.addAttribute("history", history.latest(HISTORY));
    model.addAttribute("maxFiles", MAX_FILES);
    return "operate/deployments";
  }

  @PostMapping
  String deploy(
      @RequestParam(name = "files", required = false) final List<MultipartFile> files,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final List<MultipartFile> chosen =
        files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
    final String refusal = refusal(chosen);
    if (refusal != null) {
      return refused(model, response, refusal, null);
    }
    final List<BrowserDeployments.Upload> uploads = new ArrayList<>();
    for (final MultipartFile file : chosen) {
      uploads.add(new BrowserDeployments.Upload(name(file), content(file)));
    }
    final Viewer person = viewers.current().orElseThrow();
    final BrowserDeployments.Outcome outcome = deployments.deploy(uploads, person.username());
    if (outcome instanceof BrowserDeployments.Refused refused) {
      return refused(model, response, refused.message(), refused.problems());
    }
    redirect.addFlashAttribute("deployed", outcome);
    return "redirect:/operate/deployments";
  }

  private String refused(
      final Model model,
      final HttpServletResponse response,
      final String message,
      final DeploymentProblems problems) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("error", message);
    model.addAttribute("problems", problems);
    return page(model);
  }

  private static String refusal(final List<MultipartFile> files) {
    if (files.isEmpty()) {
      return "Choose at least one BPMN, DMN or form file to deploy.";
    }
    if (files.size() > MAX_FILES) {
      return "At most " + MAX_FILES + " files can be deployed at once; " + files.size() + " given.";
    }
    for (final MultipartFile file : files) {
      if (file.getSize() > MAX_FILE_BYTES) {
        return "'"
            + name(file)
            + "' is larger than "
            + MAX_FILE_BYTES / 1024 / 1024
            + " MB; nothing was deployed.";
      }
    }
    return null;
  }

  /** The file's own name: browsers of old sent the whole client path. */
  private static String name(final MultipartFile file) {
    final String original = file.getOriginalFilename();
    return original == null || original.isBlank()
        ? "unnamed"
        : StringUtils.getFilename(StringUtils.cleanPath(original.replace('\\', '/')));
  }

  private static byte[] content(final MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
