package io.flowdesk.app.privacy;

import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.audit.AdminAuditTrail;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Person;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything Flowdesk holds about one person, as one document (GDPR, right of access): profile,
 * roles, groups, manager, notification preferences, whether two-factor sign-in is on (never its key
 * or codes), linked single sign-on accounts, password links' dates, API tokens' metadata (never
 * their secrets), the incidents and requests they reported, ordered, were ordered for or work on,
 * what they wrote and attached, their approval decisions, and the admin audit entries by or about
 * them. Other people's journal entries on those records are not theirs and stay out.
 */
@Component
class PersonalDataExport {

  private final Directory directory;
  private final PersonalTokens tokens;
  private final PersonalRecords records;
  private final AdminAuditTrail trail;
  private final Clock clock;
  private final NotificationPreferences preferences;
  private final SecondFactors secondFactors;

  PersonalDataExport(
      final Directory directory,
      final PersonalTokens tokens,
      final PersonalRecords records,
      final AdminAuditTrail trail,
      final Clock clock,
      final NotificationPreferences preferences,
      final SecondFactors secondFactors) {
    this.directory = directory;
    this.tokens = tokens;
    this.records = records;
    this.trail = trail;
    this.clock = clock;
    this.preferences = preferences;
    this.secondFactors = secondFactors;
  }

  /**
   * @throws UnknownPersonException when nobody has that username
   */
  @Transactional(readOnly = true)
  Map<String, Object> of(final String username) {
    final Person person =
        directory.person(username).orElseThrow(() -> new UnknownPersonException(username));
    final Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("username", person.username());
    profile.put("displayName", person.displayName());
    profile.put("email", person.email());
    profile.put("phone", directory.phone(username).orElse(null));
    profile.put("chatHandle", directory.chatHandle(username).orElse(null));
    profile.put("enabled", person.enabled());
    final Map<String, Object> document = new LinkedHashMap<>();
    document.put("exportedAt", clock.instant().toString());
    document.put("profile", profile);
    document.put("roles", person.roles());
    document.put("groups", person.groups());
    document.put(
        "manages",
        directory.groups().stream()
            .filter(group -> Objects.equals(group.manager(), username))
            .map(AssignmentGroup::name)
            .toList());
    document.put("manager", directory.manager(username).orElse(null));
    document.put("notificationPreferences", preferences.of(username));
    document.put("twoFactorSignIn", Map.of("enabled", secondFactors.isEnrolled(username)));
    document.put("singleSignOn", records.externalIdentities(username));
    document.put("mailedLinks", records.passwordLinks(username));
    document.put("apiTokens", tokens.ownedBy(username));
    document.put("incidents", records.incidents(username));
    document.put("journalEntries", records.journalEntries(username));
    document.put("attachments", records.attachments(username));
    document.put("requests", records.requests(username));
    document.put("requestJournalEntries", records.requestJournalEntries(username));
    document.put("approvalDecisions", records.approvalDecisions(username));
    document.put("adminAudit", trail.involving(username));
    return document;
  }
}
