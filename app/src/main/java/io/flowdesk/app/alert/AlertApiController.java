package io.flowdesk.app.alert;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound monitoring alerts. Monitoring posts with the credentials of an agent account it was given
 * (a personal API token, or Basic), which is the incidents' caller; end users may not.
 */
@RestController
@RequestMapping("/api/alerts")
@Tag(name = "Alerts", description = "Monitoring alerts de-duplicated into incidents")
class AlertApiController {

  private final AlertIntake intake;
  private final Viewers viewers;

  AlertApiController(final AlertIntake intake, final Viewers viewers) {
    this.intake = intake;
    this.viewers = viewers;
  }

  @PostMapping
  @Operation(
      summary = "Deliver monitoring alerts",
      description =
          "Takes a Prometheus Alertmanager webhook (a body with \"alerts\") or one alert in the"
              + " generic shape {source, fingerprint, status: firing|resolved, summary,"
              + " description, severity: critical|major|warning|minor|info, ci, category}. One"
              + " incident per alert (source and fingerprint) while it is open: a repeat is"
              + " counted, a resolution resolves the incident. Answers what became of each alert.")
  Map<String, List<AlertOutcome>> deliver(@RequestBody final Map<String, Object> body) {
    final Viewer viewer =
        viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException("only agent accounts deliver alerts");
    }
    final List<IncomingAlert> alerts = AlertPayloads.read(body);
    return Map.of(
        "alerts", alerts.stream().map(alert -> intake.take(alert, viewer.username())).toList());
  }
}
