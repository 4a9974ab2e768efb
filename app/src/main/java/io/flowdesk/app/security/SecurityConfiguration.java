package io.flowdesk.app.security;

import io.flowdesk.app.mfa.SecondFactorGate;
import io.flowdesk.app.mfa.SecondFactorSignIn;
import io.flowdesk.app.passwordchange.PasswordChangeGate;
import io.flowdesk.app.passwordchange.RequiredPasswordChanges;
import io.flowdesk.app.security.sso.LdapSignIn;
import io.flowdesk.app.security.sso.OidcSignIn;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may open what. Two filter chains: the engine's REST API ({@code /v2/**}), which checks its
 * own credentials ({@code ApiAccess}) and is used by machines, and everything else: people signing
 * in with a form and a session (or through single sign-on, {@code io.flowdesk.app.security.sso}),
 * CSRF-protected, with the URL rules of the ITSM role matrix. Record-level rules (whose incident)
 * live in {@code io.flowdesk.app.incident.IncidentAccess}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

  static final String LOGIN = "/login";

  // Scripts only from this server (no inline script, no eval); inline style attributes are
  // allowed because forms place spacers with them. Framing is refused outright.
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static final String[] AGENT_ROLES = {
    Role.AGENT.name(), Role.MANAGER.name(), Role.ADMIN.name()
  };

  /** The change calendar and CAB view are also the CAB's (the pages check the CAB's groups). */
  private static final String[] CALENDAR_ROLES = {
    Role.AGENT.name(), Role.MANAGER.name(), Role.ADMIN.name(), Role.CAB_MEMBER.name()
  };

  /**
   * The engine API authenticates each request itself (configured Basic or token, OAuth 2 access
   * tokens, the app's own client's token) and refuses browsers' cross-site requests; a session
   * would grant people engine access they must not have, and a CSRF token would only get in the way
   * of camunda clients and Camunda Modeler.
   */
  @Bean
  @Order(1)
  SecurityFilterChain engineApi(final HttpSecurity http) throws Exception {
    // Matched on the full path: /v2 is its own servlet, not a Spring MVC path.
    return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/v2/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.disable())
        .anonymous(anonymous -> anonymous.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain people(
      final HttpSecurity http,
      final AuthenticationManager authenticationManager,
      final SecondFactorSignIn secondFactor,
      final RequiredPasswordChanges passwordChanges,
      final ObjectProvider<OidcSignIn> oidc)
      throws Exception {
    final SimpleUrlAuthenticationFailureHandler failure =
        new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error");
    final OidcSignIn sso = oidc.getIfAvailable();
    if (sso != null) {
      sso.configure(http, LOGIN, failure);
    }
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error")
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(LOGIN, LOGIN + "/mfa", "/setup/*", "/password/*")
                    .permitAll()
                    .requestMatchers("/admin/**", "/forms/**", "/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    // A calendar client cannot sign in: the feed's secret token stands for its
                    // owner, whose access the feed checks itself.
                    .requestMatchers(HttpMethod.GET, "/changes/calendar/feed/*")
                    .permitAll()
                    .requestMatchers("/changes/calendar", "/changes/calendar/**", "/changes/cab")
                    .hasAnyRole(CALENDAR_ROLES)
                    // Knowledge base: everyone reads (the pages filter by audience), agents write.
                    .requestMatchers(HttpMethod.POST, "/knowledge")
                    .hasAnyRole(AGENT_ROLES)
                    .requestMatchers(
                        "/knowledge/new",
                        "/knowledge/links",
                        "/knowledge/*/edit",
                        "/knowledge/*/submit",
                        "/knowledge/*/retire",
                        "/knowledge/*/attachments")
                    .hasAnyRole(AGENT_ROLES)
                    .requestMatchers("/operate", "/operate/**")
                    .hasAnyRole(Role.PROCESS_OWNER.name(), Role.ADMIN.name())
                    .requestMatchers(
                        "/inbox/**",
                        "/incidents/**",
                        "/requests/**",
                        "/changes/**",
                        "/problems",
                        "/problems/**",
                        "/cmdb",
                        "/cmdb/**",
                        "/reports",
                        "/reports/**")
                    .hasAnyRole(AGENT_ROLES)
                    .anyRequest()
                    .authenticated())
        .authenticationManager(authenticationManager)
        .addFilterAfter(SecondFactorGate.forPages(), AuthorizationFilter.class)
        // After the second factor's gate: enrolment first, then the new password.
        .addFilterAfter(PasswordChangeGate.forPages(passwordChanges), SecondFactorGate.class)
        .formLogin(
            form ->
                form.loginPage(LOGIN)
                    // After the password: the second factor, or enrolment if the role needs one.
                    .successHandler(secondFactor)
                    .failureHandler(failure)
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?logout"))
        .sessionManagement(
            sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frames -> frames.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy
                                    .STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
        .build();
  }

  @Bean
  AuthenticationManager authenticationManager(
      final DirectoryUserDetailsService people,
      final PasswordEncoder passwords,
      final LoginThrottle throttle,
      final ObjectProvider<OidcSignIn> oidc,
      final ObjectProvider<LdapSignIn> ldap) {
    final DaoAuthenticationProvider checked = new DaoAuthenticationProvider(people);
    checked.setPasswordEncoder(new RecentlyVerifiedPasswords(passwords, Clock.systemUTC()));
    checked.setUserDetailsPasswordService(people);
    final List<AuthenticationProvider> providers = new ArrayList<>();
    final LdapSignIn directoryServer = ldap.getIfAvailable();
    // One throttle for the password form, whichever accounts answer it.
    providers.add(
        new ThrottledAuthenticationProvider(
            directoryServer == null ? checked : directoryServer.behind(checked), throttle));
    // The OAuth2 login filter uses this manager too (the chain's is set explicitly).
    oidc.ifAvailable(sso -> providers.add(sso.authenticationProvider()));
    return new ProviderManager(providers);
  }

  @Bean
  DirectoryUserDetailsService directoryUserDetailsService(final Directory directory) {
    return new DirectoryUserDetailsService(directory);
  }

  /**
   * @param cost bcrypt's work factor ({@code flowdesk.security.bcrypt-cost}); tests lower it, since
   *     each sign-in pays it. Existing hashes keep their cost until the next sign-in re-hashes
   *     them.
   */
  @Bean
  PasswordEncoder passwordEncoder(
      @Value("${flowdesk.security.bcrypt-cost:" + PasswordHashing.STRENGTH + "}") final int cost) {
    return PasswordHashing.encoder(cost);
  }

  /**
   * @param breachedPasswords an optional file of breached passwords an administrator downloaded
   *     ({@code flowdesk.security.breached-passwords-file}; passwords or HIBP SHA-1 lines), checked
   *     besides the bundled list
   */
  @Bean
  PasswordPolicy passwordPolicy(
      @Value("${flowdesk.security.breached-passwords-file:}") final String breachedPasswords) {
    return breachedPasswords.isBlank()
        ? new PasswordPolicy()
        : new PasswordPolicy(Path.of(breachedPasswords.strip()));
  }

  @Bean
  LoginThrottle loginThrottle(final JdbcClient jdbc) {
    return new LoginThrottle(jdbc, Clock.systemUTC());
  }
}
