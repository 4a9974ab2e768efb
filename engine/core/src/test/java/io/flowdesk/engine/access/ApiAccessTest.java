package io.flowdesk.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiAccessTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final InetAddress REMOTE = address("10.1.2.3");

  private static InetAddress address(final String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(final String user, final String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutCredentialsLoopbackPeersAreGrantedAndOthersAreNot() {
    final ApiAccess access = new ApiAccess(ApiCredentials.NONE);

    assertThat(access.check(LOOPBACK, null)).isEqualTo(ApiAccess.Verdict.GRANTED);
    assertThat(access.check(address("::1"), null)).isEqualTo(ApiAccess.Verdict.GRANTED);
    assertThat(access.check(REMOTE, basic("any", "thing")))
        .isEqualTo(ApiAccess.Verdict.MISSING_CREDENTIALS);
    assertThat(access.check(null, null)).isEqualTo(ApiAccess.Verdict.MISSING_CREDENTIALS);
  }

  @Test
  void withCredentialsEveryPeerMustPresentThem() {
    final ApiAccess access = new ApiAccess(new ApiCredentials("ops", "pa:ss", "tok"));

    assertThat(access.check(LOOPBACK, null)).isEqualTo(ApiAccess.Verdict.MISSING_CREDENTIALS);
    assertThat(access.check(REMOTE, basic("ops", "pa:ss"))).isEqualTo(ApiAccess.Verdict.GRANTED);
    assertThat(access.check(REMOTE, "bearer tok")).isEqualTo(ApiAccess.Verdict.GRANTED);
    assertThat(access.check(REMOTE, basic("ops", "pa:sx")))
        .isEqualTo(ApiAccess.Verdict.INVALID_CREDENTIALS);
    assertThat(access.check(REMOTE, "Bearer other"))
        .isEqualTo(ApiAccess.Verdict.INVALID_CREDENTIALS);
    assertThat(access.check(REMOTE, "Basic not-base64!"))
        .isEqualTo(ApiAccess.Verdict.INVALID_CREDENTIALS);
    assertThat(access.check(REMOTE, "Digest x")).isEqualTo(ApiAccess.Verdict.INVALID_CREDENTIALS);
  }

  @Test
  void aConfiguredKindOnlyAcceptsThatKind() {
    final ApiAccess tokenOnly = new ApiAccess(ApiCredentials.bearer("tok"));

    assertThat(tokenOnly.check(LOOPBACK, basic("tok", "tok")))
        .isEqualTo(ApiAccess.Verdict.INVALID_CREDENTIALS);
    assertThat(tokenOnly.challenge()).startsWith("Bearer");
  }

  @Test
  void aUserWithoutPasswordIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> new ApiCredentials("ops", " ", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only the username is set");
  }

  @Test
  void secretsStayOutOfTheTextOfCredentials() {
    assertThat(new ApiCredentials("ops", "s3cret", "t0ken").toString())
        .contains("ops")
        .doesNotContain("s3cret", "t0ken");
  }

  @Test
  void remoteListenersWithoutCredentialsAreRefusedNamingTheFix() {
    final ApiAccess none = new ApiAccess(ApiCredentials.NONE);

    none.requireCredentialsForRemoteListener("gRPC gateway", "localhost", "x.host");
    assertThatThrownBy(
            () -> none.requireCredentialsForRemoteListener("gRPC gateway", "0.0.0.0", "x.host"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("x.host");
    new ApiAccess(ApiCredentials.bearer("t"))
        .requireCredentialsForRemoteListener("gRPC gateway", "0.0.0.0", "x.host");
  }
}
