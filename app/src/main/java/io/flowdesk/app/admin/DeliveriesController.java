package io.flowdesk.app.admin;

import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.delivery.DeliveryStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the notification workers sent ({@link DeliveryLog}): latest first, filtered by status and
 * channel, {@value #PAGE_SIZE} to a page.
 */
@Controller
@RequestMapping("/admin/deliveries")
class DeliveriesController {

  static final int PAGE_SIZE = 50;

  private final DeliveryLog deliveries;

  DeliveriesController(final DeliveryLog deliveries) {
    this.deliveries = deliveries;
  }

  @GetMapping
  String deliveries(
      @RequestParam(defaultValue = "") final String status,
      @RequestParam(defaultValue = "") final String channel,
      @RequestParam(defaultValue = "0") final String page,
      final Model model,
      final HttpServletResponse response) {
    model.addAttribute("statuses", DeliveryStatus.values());
    model.addAttribute("channels", deliveries.channels());
    model.addAttribute("status", status);
    model.addAttribute("channel", channel);
    final DeliveryStatus wanted;
    final int pageNumber;
    try {
      wanted = status(status);
      pageNumber = pageNumber(page);
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("deliveries", List.of());
      return "admin/deliveries";
    }
    // One more than a page tells whether there is a next one.
    final List<Delivery> found =
        deliveries.recent(
            wanted, channel, Math.multiplyExact(pageNumber, PAGE_SIZE), PAGE_SIZE + 1);
    model.addAttribute("deliveries", found.subList(0, Math.min(found.size(), PAGE_SIZE)));
    model.addAttribute("page", pageNumber);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    return "admin/deliveries";
  }

  private static DeliveryStatus status(final String status) {
    if (status.isBlank()) {
      return null;
    }
    try {
      return DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + status
              + "' is not a delivery status; one of "
              + Arrays.toString(DeliveryStatus.values()),
          e);
    }
  }

  private static int pageNumber(final String page) {
    try {
      final int number = Integer.parseInt(page.trim());
      if (!PageNumbers.accepts(number)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + page + "' is not a page number (0 to " + PageNumbers.MAX + ")", e);
    }
  }
}
