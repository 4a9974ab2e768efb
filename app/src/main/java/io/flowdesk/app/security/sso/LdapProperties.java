package io.flowdesk.app.security.sso;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * LDAP / Active Directory bind ({@code flowdesk.security.ldap.*}); off unless {@code url} is set.
 * People are found by {@code user-dn-pattern} or by {@code user-search-filter} under {@code
 * user-search-base}; their groups by {@code group-search-filter} under {@code group-search-base}
 * (names relative to the base DN in the URL).
 */
@ConfigurationProperties("flowdesk.security.ldap")
public class LdapProperties extends MappingProperties {

  /** E.g. {@code ldaps://dc1.example.com:636/dc=example,dc=com}: server and base DN. */
  private String url;

  /** Whom Flowdesk binds as to search (empty: anonymous; Active Directory needs one). */
  private String managerDn;

  private String managerPassword;

  /** E.g. {@code uid={0},ou=people}; {0} is the username typed. */
  private String userDnPattern;

  private String userSearchBase = "";

  /** E.g. {@code (uid={0})}, or {@code (sAMAccountName={0})} for Active Directory. */
  private String userSearchFilter = "(uid={0})";

  private String groupSearchBase = "";

  /** {0} is the person's full DN, {1} the username typed. */
  private String groupSearchFilter = "(member={0})";

  /** The group attribute whose values the mapping names. */
  private String groupNameAttribute = "cn";

  private String emailAttribute = "mail";

  private String nameAttribute = "cn";

  /** How long to wait for the server before telling directory users it is unavailable. */
  private Duration timeout = Duration.ofSeconds(5);

  public LdapProperties() {
    super("directory server");
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(final String url) {
    this.url = url;
  }

  public String getManagerDn() {
    return managerDn;
  }

  public void setManagerDn(final String managerDn) {
    this.managerDn = managerDn;
  }

  public String getManagerPassword() {
    return managerPassword;
  }

  public void setManagerPassword(final String managerPassword) {
    this.managerPassword = managerPassword;
  }

  public String getUserDnPattern() {
    return userDnPattern;
  }

  public void setUserDnPattern(final String userDnPattern) {
    this.userDnPattern = userDnPattern;
  }

  public String getUserSearchBase() {
    return userSearchBase;
  }

  public void setUserSearchBase(final String userSearchBase) {
    this.userSearchBase = userSearchBase;
  }

  public String getUserSearchFilter() {
    return userSearchFilter;
  }

  public void setUserSearchFilter(final String userSearchFilter) {
    this.userSearchFilter = userSearchFilter;
  }

  public String getGroupSearchBase() {
    return groupSearchBase;
  }

  public void setGroupSearchBase(final String groupSearchBase) {
    this.groupSearchBase = groupSearchBase;
  }

  public String getGroupSearchFilter() {
    return groupSearchFilter;
  }

  public void setGroupSearchFilter(final String groupSearchFilter) {
    this.groupSearchFilter = groupSearchFilter;
  }

  public String getGroupNameAttribute() {
    return groupNameAttribute;
  }

  public void setGroupNameAttribute(final String groupNameAttribute) {
    this.groupNameAttribute = groupNameAttribute;
  }

  public String getEmailAttribute() {
    return emailAttribute;
  }

  public void setEmailAttribute(final String emailAttribute) {
    this.emailAttribute = emailAttribute;
  }

  public String getNameAttribute() {
    return nameAttribute;
  }

  public void setNameAttribute(final String nameAttribute) {
    this.nameAttribute = nameAttribute;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(final Duration timeout) {
    this.timeout = timeout;
  }
}
