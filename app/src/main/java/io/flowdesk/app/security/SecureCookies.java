package io.flowdesk.app.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.ServerCookies;

/**
 * Marks cookies (the session cookie above all) {@code Secure} according to {@code
 * flowdesk.security.cookie-secure} ({@code FLOWDESK_COOKIE_SECURE}), wrapping the cookie processor
 * Tomcat was given (which adds SameSite). Tomcat on its own marks them only when it sees HTTPS
 * itself; behind a TLS-terminating proxy it sees plain HTTP unless the forwarded headers are
 * trusted. {@link Mode#AUTO} also believes the proxy's {@code X-Forwarded-Proto} or {@code
 * Forwarded: proto=https} here, whatever the forward-headers strategy: a client that claims HTTPS
 * falsely only keeps its own cookie from coming back over plain HTTP.
 */
final class SecureCookies implements CookieProcessor {

  /** When cookies are marked Secure. */
  enum Mode {
    /** When the request is HTTPS, as the server or its proxy says. */
    AUTO,
    /** Always (also behind a proxy that sends no forwarded headers). */
    TRUE,
    /** Only when the server itself sees HTTPS (Tomcat's own rule). */
    FALSE;

    static Mode of(final String value) {
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "flowdesk.security.cookie-secure (FLOWDESK_COOKIE_SECURE) must be auto, true or false,"
                + " was '"
                + value
                + "'",
            e);
      }
    }

    /** Whether a cookie set in answer to {@code request} is marked Secure. */
    boolean marksSecure(final HttpServletRequest request) {
      return switch (this) {
        case TRUE -> true;
        case FALSE -> false;
        case AUTO -> request != null && (request.isSecure() || forwardedHttps(request));
      };
    }
  }

  private static final Pattern FORWARDED_HTTPS =
      Pattern.compile("(?i)(^|[;,\\s])proto=\"?https\"?($|[;,\\s])");

  private final CookieProcessor tomcats;
  private final Mode mode;

  SecureCookies(final CookieProcessor tomcats, final Mode mode) {
    this.tomcats = tomcats;
    this.mode = mode;
  }

  @Override
  public String generateHeader(final Cookie cookie, final HttpServletRequest request) {
    if (cookie.getSecure() || !mode.marksSecure(request)) {
      return tomcats.generateHeader(cookie, request);
    }
    final Cookie secure = (Cookie) cookie.clone();
    secure.setSecure(true);
    return tomcats.generateHeader(secure, request);
  }

  private static boolean forwardedHttps(final HttpServletRequest request) {
    final String proto = request.getHeader("X-Forwarded-Proto");
    if (proto != null) {
      // The first proxy's view counts: the one the browser spoke to.
      return "https".equalsIgnoreCase(proto.split(",", 2)[0].strip());
    }
    final String forwarded = request.getHeader("Forwarded");
    return forwarded != null && FORWARDED_HTTPS.matcher(forwarded.split(",", 2)[0]).find();
  }

  @Override
  public void parseCookieHeader(final MimeHeaders headers, final ServerCookies cookies) {
    tomcats.parseCookieHeader(headers, cookies);
  }

  @Override
  public Charset getCharset() {
    return tomcats.getCharset();
  }
}
