package io.flowdesk.app.admin;

import io.flowdesk.app.mail.LocalMailServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin area's front page: what an administrator can look after here. */
@Controller
class AdminController {

  private final ObjectProvider<LocalMailServer> localMail;

  AdminController(final ObjectProvider<LocalMailServer> localMail) {
    this.localMail = localMail;
  }

  @GetMapping("/admin")
  String index(final Model model) {
    model.addAttribute("localMail", localMail.getIfAvailable() != null);
    return "admin/index";
  }
}
