package io.flowdesk.app.portal.catalog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /admin/catalog}: what the service catalog offers, and the deployed processes that declare
 * themselves items but are not offered, with the reason (a missing form, an unknown audience...),
 * so an analyst can fix and redeploy them. Administrators only (the security rules for /admin).
 */
@Controller
class CatalogAdminController {

  private final ServiceCatalog catalog;

  CatalogAdminController(final ServiceCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/admin/catalog")
  String catalog(final Model model) {
    model.addAttribute("items", catalog.offered());
    model.addAttribute("broken", catalog.broken());
    return "admin/catalog";
  }
}
