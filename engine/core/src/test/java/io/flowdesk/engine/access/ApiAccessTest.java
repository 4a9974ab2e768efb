package io.flowdesk.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

  /** A request from {@code peer} to host 127.0.0.1:8080 with the given headers. */
  private static ApiRequest request(final InetAddress peer, final String... headers) {
    final Map<String, String> values = new HashMap<>();
    values.put("host", "127.0.0.1:8080");
    for (int i = 0; i < headers.length; i += 2) {
      values.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
    }
    return new ApiRequest(peer, values::get);
  }

  private static ApiRequest authorized(final String authorization) {
    return request(REMOTE, "Authorization", authorization);
  }

  private static ApiAccess configured(final ApiCredentials credentials) {
    return ApiAccess.forEngine(credentials, ApiSecurity.DEFAULT);
  }

  private static ApiAccess local() {
    return ApiAccess.forEngine(
        ApiCredentials.NONE, ApiSecurity.DEFAULT.withInsecureLocalAccess(true));
  }

  @Test
  void withoutConfigurationEvenLoopbackPeersNeedTheOwnClientsToken() {
    final ApiAccess access = ApiAccess.forEngine(ApiCredentials.NONE, ApiSecurity.DEFAULT);

    assertThat(access.authenticate(request(LOOPBACK))).isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(LOOPBACK, "Authorization", "Bearer guess")))
        .isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(authorized(access.ownClientAuthorization())))
        .isEqualTo(
            new ApiAccess.Granted(
                new ApiClient("flowdesk", ApiClient.Kind.OWN, EnginePermission.ALL)));
  }

  @Test
  void eachEngineMakesItsOwnToken() {
    final ApiAccess one = ApiAccess.forEngine(ApiCredentials.NONE, ApiSecurity.DEFAULT);
    final ApiAccess other = ApiAccess.forEngine(ApiCredentials.NONE, ApiSecurity.DEFAULT);

    assertThat(one.ownClientAuthorization()).isNotEqualTo(other.ownClientAuthorization());
    assertThat(other.authenticate(authorized(one.ownClientAuthorization())))
        .isInstanceOf(ApiAccess.Refused.class);
  }

  @Test
  void configuredCredentialsAreCheckedWhereverTheRequestComesFrom() {
    final ApiAccess access = configured(new ApiCredentials("ops", "pa:ss", "tok"));

    assertThat(access.authenticate(request(LOOPBACK))).isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(authorized(basic("ops", "pa:ss"))))
        .isInstanceOf(ApiAccess.Granted.class);
    assertThat(access.authenticate(authorized("bearer tok"))).isInstanceOf(ApiAccess.Granted.class);
    for (final String wrong :
        new String[] {
          basic("ops", "pa:sx"), "Bearer other", "Basic not-base64!", "Digest x", "Bearer"
        }) {
      assertThat(access.authenticate(authorized(wrong)))
          .as(wrong)
          .isEqualTo(new ApiAccess.Refused(ApiAccess.INVALID));
    }
  }

  @Test
  void aConfiguredKindOnlyAcceptsThatKind() {
    final ApiAccess tokenOnly = configured(ApiCredentials.bearer("tok"));

    assertThat(tokenOnly.authenticate(authorized(basic("tok", "tok"))))
        .isInstanceOf(ApiAccess.Refused.class);
    assertThat(tokenOnly.challenge()).startsWith("Bearer");
  }

  @Test
  void insecureLocalAccessServesOnlyRequestsStraightFromThisMachine() {
    final ApiAccess access = local();

    assertThat(access.authenticate(request(LOOPBACK))).isInstanceOf(ApiAccess.Granted.class);
    assertThat(access.authenticate(request(address("::1"), "Host", "localhost:8080")))
        .isInstanceOf(ApiAccess.Granted.class);
    assertThat(access.authenticate(request(REMOTE))).isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(null))).isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(LOOPBACK, "X-Forwarded-For", "127.0.0.1")))
        .isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(LOOPBACK, "Forwarded", "for=127.0.0.1")))
        .isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(LOOPBACK, "Via", "1.1 nginx")))
        .isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(LOOPBACK, "Host", "127.evil.example")))
        .isInstanceOf(ApiAccess.Refused.class);
    assertThat(access.authenticate(request(LOOPBACK, "Origin", "http://localhost:3000")))
        .isInstanceOf(ApiAccess.Refused.class);
    // Wrong credentials are wrong, even from this machine.
    assertThat(access.authenticate(request(LOOPBACK, "Authorization", "Bearer guess")))
        .isInstanceOf(ApiAccess.Refused.class);
  }

  @Test
  void permissionsAreNamedAsInConfigurationAndScopes() {
    assertThat(EnginePermission.named("user-tasks")).contains(EnginePermission.USER_TASKS);
    assertThat(EnginePermission.named("DEPLOY")).contains(EnginePermission.DEPLOY);
    assertThat(EnginePermission.named("admin")).isEmpty();
    assertThat(
            new ApiClient("reader", ApiClient.Kind.OAUTH, java.util.Set.of(EnginePermission.READ)))
        .satisfies(
            client -> {
              assertThat(client.may(EnginePermission.READ)).isTrue();
              assertThat(client.may(EnginePermission.DEPLOY)).isFalse();
              assertThat(client.may(null)).isTrue();
            });
  }

  @Test
  void anIssuerWithoutAudienceIsRefusedNamingTheRisk() {
    assertThatThrownBy(() -> new OAuthSettings("https://idp.example.com", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audience");
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
    assertThat(new OwnClientToken("s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void remoteListenersWithoutCredentialsAreRefusedNamingTheFix() {
    final ApiAccess none = configured(ApiCredentials.NONE);

    none.requireCredentialsForRemoteListener("gRPC gateway", "localhost", "x.host");
    assertThatThrownBy(
            () -> none.requireCredentialsForRemoteListener("gRPC gateway", "0.0.0.0", "x.host"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("x.host");
    configured(ApiCredentials.bearer("t"))
        .requireCredentialsForRemoteListener("gRPC gateway", "0.0.0.0", "x.host");
  }
}
