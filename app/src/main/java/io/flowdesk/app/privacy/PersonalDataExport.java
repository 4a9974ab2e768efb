package io.flowdesk.app.privacy;

import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.audit.AdminAuditTrail;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything Flowdesk holds about one person, as one document (GDPR, right of access): profile,
 * roles, groups, API tokens' metadata (never their secrets), the incidents they reported or work
 * on, what they wrote and attached, and the admin audit entries by or about them. Other people's
 * journal entries on those incidents are not theirs and stay out.
 */
@Component
class PersonalDataExport {

  private final Directory directory;
  private final PersonalTokens tokens;
  private final PersonalRecords records;
  private final AdminAuditTrail trail;
  private final Clock clock;

  PersonalDataExport(
      final Directory directory,
      final PersonalTokens tokens,
      final PersonalRecords records,
      final AdminAuditTrail trail,
      final Clock clock) {
    this.directory = directory;
    this.tokens = tokens;
    this.records = records;
    this.trail = trail;
    this.clock = clock;
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
    document.put("apiTokens", tokens.ownedBy(username));
    document.put("incidents", records.incidents(username));
    document.put("journalEntries", records.journalEntries(username));
    document.put("attachments", records.attachments(username));
    document.put("adminAudit", trail.involving(username));
    return document;
  }
}
