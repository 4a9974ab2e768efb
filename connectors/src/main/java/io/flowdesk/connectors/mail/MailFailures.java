package io.flowdesk.connectors.mail;

import io.flowdesk.connectors.ConnectorException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns Jakarta Mail's exceptions into {@link ConnectorException}s that name the server and the
 * cause and say whether a later try can help.
 */
final class MailFailures {

  private MailFailures() {}

  static ConnectorException translate(
      final MessagingException failure, final String protocol, final MailServer server) {
    final String peer = protocol + " server " + server.address();
    if (failure instanceof AuthenticationFailedException) {
      return new ConnectorException(
          peer
              + " rejected the credentials of user '"
              + server.username()
              + "': "
              + describe(failure),
          false,
          failure);
    }
    if (failure instanceof SendFailedException sendFailed) {
      return rejectedRecipients(sendFailed, peer);
    }
    final UnknownHostException unknownHost = cause(failure, UnknownHostException.class);
    if (unknownHost != null) {
      return new ConnectorException(
          "cannot reach " + peer + ": unknown host " + server.host(), true, failure);
    }
    final IOException unreachable = unreachable(failure);
    if (unreachable != null) {
      return new ConnectorException(
          "cannot reach " + peer + ": " + unreachable.getMessage(), true, failure);
    }
    final SSLException tls = cause(failure, SSLException.class);
    if (tls != null) {
      return new ConnectorException(
          "TLS with " + peer + " failed: " + tls.getMessage(), false, failure);
    }
    final String message = describe(failure);
    if (message.contains("STARTTLS")) {
      return new ConnectorException(peer + " cannot upgrade to TLS: " + message, false, failure);
    }
    final IOException io = cause(failure, IOException.class);
    if (io != null) {
      return new ConnectorException(
          "connection to " + peer + " failed: " + io.getMessage(), true, failure);
    }
    return new ConnectorException(peer + " failed: " + message, false, failure);
  }

  private static ConnectorException rejectedRecipients(
      final SendFailedException failure, final String peer) {
    final boolean temporary =
        (failure instanceof SMTPSendFailedException smtp && smtp.getReturnCode() / 100 == 4)
            || (failure.getNextException() instanceof SMTPSendFailedException next
                && next.getReturnCode() / 100 == 4);
    final Address[] invalid = failure.getInvalidAddresses();
    final String who =
        invalid == null || invalid.length == 0
            ? ""
            : " for "
                + Arrays.stream(invalid).map(Address::toString).collect(Collectors.joining(", "));
    return new ConnectorException(
        peer + " did not accept the mail" + who + ": " + describe(failure), temporary, failure);
  }

  private static String describe(final MessagingException failure) {
    final String own = failure.getMessage() == null ? "" : failure.getMessage().trim();
    final Exception next = failure.getNextException();
    if (next != null && next.getMessage() != null && !own.contains(next.getMessage().trim())) {
      return own + " (" + next.getMessage().trim() + ")";
    }
    return own;
  }

  private static IOException unreachable(final Throwable failure) {
    final ConnectException refused = cause(failure, ConnectException.class);
    if (refused != null) {
      return refused;
    }
    final NoRouteToHostException noRoute = cause(failure, NoRouteToHostException.class);
    return noRoute != null ? noRoute : cause(failure, SocketTimeoutException.class);
  }

  /** The first exception of the given type among the failure and its causes. */
  private static <T extends Throwable> T cause(final Throwable failure, final Class<T> type) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 20; depth++) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      current =
          current instanceof MessagingException m && m.getNextException() != null
              ? m.getNextException()
              : current.getCause();
    }
    return null;
  }
}
