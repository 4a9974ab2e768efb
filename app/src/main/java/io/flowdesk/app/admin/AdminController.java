package io.flowdesk.app.admin;

import io.flowdesk.app.mail.LocalMailServer;
import io.flowdesk.app.operate.health.UnattendedJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin area's front page: what an administrator can look after here, and work nobody picks up
 * (job types no worker asks for).
 */
@Controller
class AdminController {

  private final ObjectProvider<LocalMailServer> localMail;
  private final UnattendedJobs unattended;

  AdminController(
      final ObjectProvider<LocalMailServer> localMail, final UnattendedJobs unattended) {
    this.localMail = localMail;
    this.unattended = unattended;
  }

  @GetMapping("/admin")
  String index(final Model model) {
    model.addAttribute("localMail", localMail.getIfAvailable() != null);
    model.addAttribute("unattended", unattended.now());
    model.addAttribute("patience", unattended.patience().toMinutes());
    return "admin/index";
  }
}
