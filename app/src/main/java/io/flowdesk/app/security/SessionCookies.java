package io.flowdesk.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie as Spring Session writes it (sessions live in PostgreSQL), Secure by the same
 * rule as every other cookie ({@link SecureCookies.Mode}): Spring Session writes its cookie header
 * itself, past Tomcat's cookie processor, and would otherwise believe only {@code
 * request.isSecure()}. Two otherwise identical serializers, one marking Secure, one not.
 */
final class SessionCookies implements CookieSerializer {

  private final DefaultCookieSerializer secure;
  private final DefaultCookieSerializer plain;
  private final SecureCookies.Mode mode;

  SessionCookies(
      final DefaultCookieSerializer secure,
      final DefaultCookieSerializer plain,
      final SecureCookies.Mode mode) {
    secure.setUseSecureCookie(true);
    plain.setUseSecureCookie(false);
    this.secure = secure;
    this.plain = plain;
    this.mode = mode;
  }

  @Override
  public void writeCookieValue(final CookieValue cookie) {
    (mode.marksSecure(cookie.getRequest()) ? secure : plain).writeCookieValue(cookie);
  }

  @Override
  public List<String> readCookieValues(final HttpServletRequest request) {
    return plain.readCookieValues(request);
  }
}
