package io.flowdesk.app.security.sso;

import io.flowdesk.domain.directory.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What OpenID Connect and LDAP sign-ins share: how provider values map to roles and groups. */
public abstract class MappingProperties {

  /** The button's and the messages' name for the provider. */
  private String displayName;

  /** Provider value (role, group name, group id) -> Flowdesk roles. */
  private Map<String, List<Role>> roleMapping = new LinkedHashMap<>();

  /** Provider value -> Flowdesk assignment groups (which must exist). */
  private Map<String, List<String>> groupMapping = new LinkedHashMap<>();

  /** The roles of a person no mapping gives any. */
  private List<Role> defaultRoles = List.of(Role.END_USER);

  protected MappingProperties(final String displayName) {
    this.displayName = displayName;
  }

  public SsoMapping mapping() {
    return new SsoMapping(roleMapping, groupMapping, defaultRoles);
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(final String displayName) {
    this.displayName = displayName;
  }

  public Map<String, List<Role>> getRoleMapping() {
    return roleMapping;
  }

  public void setRoleMapping(final Map<String, List<Role>> roleMapping) {
    this.roleMapping = roleMapping;
  }

  public Map<String, List<String>> getGroupMapping() {
    return groupMapping;
  }

  public void setGroupMapping(final Map<String, List<String>> groupMapping) {
    this.groupMapping = groupMapping;
  }

  public List<Role> getDefaultRoles() {
    return defaultRoles;
  }

  public void setDefaultRoles(final List<Role> defaultRoles) {
    this.defaultRoles = defaultRoles;
  }
}
