package io.flowdesk.app.servicelevel;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.servicelevel.BusinessCalendar;
import io.flowdesk.domain.servicelevel.Holiday;
import io.flowdesk.domain.servicelevel.Schedule;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.domain.servicelevel.WorkingInterval;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' "Service levels" page: the response and resolution targets per priority, their
 * warning threshold and task priority and the schedule they count on, and the schedules (working
 * hours per weekday, holidays, time zone). Bad input is named at its field and nothing is saved;
 * each save is one transaction with its {@link AdminAction}. A change applies to incidents
 * classified, put on hold or resumed afterwards; due dates already set stay.
 */
@Controller
@RequestMapping("/admin/service-levels")
class ServiceLevelsController {

  private static final String VIEW = "admin/service-levels";
  private static final String PAGE = "redirect:/admin/service-levels";

  private final ServiceLevels levels;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  ServiceLevelsController(
      final ServiceLevels levels,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.levels = levels;
    this.transactions = transactions;
    this.events = events;
  }

  @GetMapping
  String page(@RequestParam(required = false) final Long schedule, final Model model) {
    final Optional<Schedule> edited =
        schedule == null ? Optional.empty() : levels.schedule(schedule);
    return page(
        model,
        targetFields(levels.all()),
        Map.of(),
        edited
            .map(ServiceLevelsController::scheduleFields)
            .orElseGet(ServiceLevelsController::newSchedule),
        Map.of());
  }

  @PostMapping
  String saveTargets(
      final Principal admin,
      @RequestParam final Map<String, String> params,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    final Map<Long, Schedule> schedules =
        levels.schedules().stream().collect(Collectors.toMap(Schedule::id, s -> s));
    final Map<String, String> errors = new LinkedHashMap<>();
    final List<ServiceLevel> changed = new ArrayList<>();
    for (final Priority priority : Priority.values()) {
      final String p = priority.name();
      final Integer responseMinutes = number(params, p + ".response", errors);
      final Integer resolutionMinutes = number(params, p + ".resolution", errors);
      final Integer warning = number(params, p + ".warning", errors);
      final Integer taskPriority = number(params, p + ".taskPriority", errors);
      final Schedule schedule = schedule(params, p + ".schedule", schedules, errors);
      if (responseMinutes == null
          || resolutionMinutes == null
          || warning == null
          || taskPriority == null
          || schedule == null) {
        continue;
      }
      try {
        changed.add(
            new ServiceLevel(
                priority,
                Duration.ofMinutes(responseMinutes),
                Duration.ofMinutes(resolutionMinutes),
                warning,
                taskPriority,
                schedule));
      } catch (IllegalArgumentException e) {
        errors.put(p, e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(model, params, errors, newSchedule(), Map.of());
    }
    transactions.executeWithoutResult(
        status -> {
          final Map<String, Object> before = audited(levels.all());
          levels.save(changed);
          events.publishEvent(
              new AdminAction(
                  admin.getName(),
                  "service-level.changed",
                  "service-levels",
                  before,
                  audited(changed)));
        });
    redirect.addFlashAttribute("notice", "Service levels saved.");
    return PAGE;
  }

  @PostMapping("/schedules")
  String saveSchedule(
      final Principal admin,
      @RequestParam final Map<String, String> params,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    final Map<String, String> errors = new LinkedHashMap<>();
    final Long id = scheduleId(params.get("id"), errors);
    final Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (final DayOfWeek day : DayOfWeek.values()) {
      try {
        week.put(day, WorkingInterval.parseDay(params.get(day.name())));
      } catch (IllegalArgumentException e) {
        errors.put(day.name(), e.getMessage());
      }
    }
    ZoneId zone = null;
    final String zoneText = params.getOrDefault("zone", "").strip();
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      errors.put(
          "zone",
          "'" + zoneText + "' is not a known time zone: use a name such as Europe/Berlin or UTC");
    }
    List<Holiday> holidays = List.of();
    try {
      holidays = Holiday.parseLines(params.get("holidays"));
    } catch (IllegalArgumentException e) {
      errors.put("holidays", e.getMessage());
    }
    Schedule schedule = null;
    if (errors.isEmpty()) {
      try {
        schedule =
            new Schedule(
                id, params.getOrDefault("name", ""), new BusinessCalendar(zone, week, holidays));
      } catch (IllegalArgumentException e) {
        errors.put(e.getMessage().contains("name") ? "name" : "hours", e.getMessage());
      }
    }
    if (schedule != null) {
      final Schedule toSave = schedule;
      try {
        final Schedule saved =
            transactions.execute(
                status -> {
                  final Map<String, Object> before =
                      id == null
                          ? Map.of()
                          : levels.schedule(id).map(this::auditedSchedule).orElse(Map.of());
                  final Schedule done = levels.save(toSave);
                  events.publishEvent(
                      new AdminAction(
                          admin.getName(),
                          id == null ? "sla-schedule.created" : "sla-schedule.changed",
                          "sla-schedule:" + done.id(),
                          before,
                          auditedSchedule(done)));
                  return done;
                });
        redirect.addFlashAttribute("notice", "Schedule '" + saved.name() + "' saved.");
        return PAGE;
      } catch (IllegalArgumentException e) {
        errors.put("name", e.getMessage());
      }
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(model, targetFields(levels.all()), Map.of(), params, errors);
  }

  private String page(
      final Model model,
      final Map<String, String> targets,
      final Map<String, String> targetErrors,
      final Map<String, String> schedule,
      final Map<String, String> scheduleErrors) {
    model.addAttribute("priorities", Priority.values());
    model.addAttribute("weekdays", DayOfWeek.values());
    model.addAttribute("schedules", levels.schedules().stream().map(ScheduleView::of).toList());
    model.addAttribute("targets", targets);
    model.addAttribute("targetErrors", targetErrors);
    model.addAttribute("schedule", schedule);
    model.addAttribute("scheduleErrors", scheduleErrors);
    return VIEW;
  }

  private static Map<String, String> targetFields(final List<ServiceLevel> all) {
    final Map<String, String> fields = new LinkedHashMap<>();
    for (final ServiceLevel level : all) {
      final String p = level.priority().name();
      fields.put(p + ".response", String.valueOf(level.response().toMinutes()));
      fields.put(p + ".resolution", String.valueOf(level.resolution().toMinutes()));
      fields.put(p + ".warning", String.valueOf(level.warningPercent()));
      fields.put(p + ".taskPriority", String.valueOf(level.taskPriority()));
      fields.put(p + ".schedule", String.valueOf(level.schedule().id()));
    }
    return fields;
  }

  private static Map<String, String> scheduleFields(final Schedule schedule) {
    final Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", String.valueOf(schedule.id()));
    fields.put("name", schedule.name());
    fields.put("zone", schedule.calendar().zone().getId());
    for (final DayOfWeek day : DayOfWeek.values()) {
      fields.put(day.name(), ScheduleView.hours(schedule.calendar(), day));
    }
    fields.put(
        "holidays",
        schedule.calendar().holidays().stream()
            .map(Holiday::toString)
            .collect(Collectors.joining("\n")));
    return fields;
  }

  private static Map<String, String> newSchedule() {
    final Map<String, String> fields = new LinkedHashMap<>();
    fields.put("zone", "UTC");
    // A new schedule starts as office hours Monday to Friday, the common case.
    for (final DayOfWeek day : DayOfWeek.values()) {
      if (day.getValue() <= DayOfWeek.FRIDAY.getValue()) {
        fields.put(day.name(), "08:00-17:00");
      }
    }
    return fields;
  }

  private static Integer number(
      final Map<String, String> params, final String field, final Map<String, String> errors) {
    final String text = params.getOrDefault(field, "").strip();
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      errors.put(field, "'" + text + "' is not a whole number");
      return null;
    }
  }

  private static Schedule schedule(
      final Map<String, String> params,
      final String field,
      final Map<Long, Schedule> schedules,
      final Map<String, String> errors) {
    final String text = params.getOrDefault(field, "").strip();
    try {
      final Schedule schedule = schedules.get(Long.valueOf(text));
      if (schedule != null) {
        return schedule;
      }
    } catch (NumberFormatException e) {
      // named below like an unknown one
    }
    errors.put(field, "there is no schedule '" + text + "'");
    return null;
  }

  private static Long scheduleId(final String text, final Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      errors.put("name", "there is no schedule '" + text + "'");
      return null;
    }
  }

  /** What the audit trail keeps of the targets: one line per priority. */
  private static Map<String, Object> audited(final List<ServiceLevel> all) {
    final Map<String, Object> fields = new LinkedHashMap<>();
    for (final ServiceLevel level : all) {
      fields.put(
          level.priority().name(),
          "response "
              + level.response().toMinutes()
              + " min, resolution "
              + level.resolution().toMinutes()
              + " min, warning at "
              + level.warningPercent()
              + " %, task priority "
              + level.taskPriority()
              + ", schedule "
              + level.schedule().name());
    }
    return fields;
  }

  private Map<String, Object> auditedSchedule(final Schedule schedule) {
    return new LinkedHashMap<>(scheduleFields(schedule));
  }
}
