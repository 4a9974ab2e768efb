package io.flowdesk.app.mfa;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;

/**
 * The cookie of a remembered device: HttpOnly, SameSite=Lax, sent only to the sign-in pages (where
 * it is read), Secure as every cookie of Flowdesk ({@code flowdesk.security.cookie-secure}).
 */
final class DeviceCookie {

  static final String NAME = "FLOWDESK_DEVICE";
  private static final String PATH = "/login";

  private DeviceCookie() {}

  static String read(final HttpServletRequest request) {
    final Cookie[] cookies = request.getCookies();
    return cookies == null
        ? null
        : Arrays.stream(cookies)
            .filter(cookie -> NAME.equals(cookie.getName()))
            .map(Cookie::getValue)
            .findFirst()
            .orElse(null);
  }

  static void write(final HttpServletResponse response, final String value) {
    final Cookie cookie = new Cookie(NAME, value);
    cookie.setPath(PATH);
    cookie.setHttpOnly(true);
    cookie.setMaxAge((int) RememberedDevices.REMEMBER_FOR.toSeconds());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }
}
