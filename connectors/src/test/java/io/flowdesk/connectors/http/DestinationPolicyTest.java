package io.flowdesk.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard on its own: literal addresses only, so no test here asks DNS or the network. */
class DestinationPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback 127.0.0.0/8",
    "127.1.2.3, loopback 127.0.0.0/8",
    "::1, loopback 0:0:0:0:0:0:0:1/128",
    "::ffff:127.0.0.1, loopback 127.0.0.0/8",
    "10.1.2.3, private 10.0.0.0/8",
    "172.16.0.1, private 172.16.0.0/12",
    "172.31.255.255, private 172.16.0.0/12",
    "192.168.1.1, private 192.168.0.0/16",
    "100.64.0.1, private 100.64.0.0/10",
    "fc00::1, private fc00:0:0:0:0:0:0:0/7",
    "fd12:3456::1, private fc00:0:0:0:0:0:0:0/7",
    "169.254.1.1, link-local 169.254.0.0/16",
    "fe80::1, link-local fe80:0:0:0:0:0:0:0/10",
    "169.254.169.254, metadata 169.254.169.254/32",
    "fd00:ec2::254, metadata fd00:ec2:0:0:0:0:0:254/128",
    "0.0.0.0, unspecified 0.0.0.0/8",
    "::, unspecified 0:0:0:0:0:0:0:0/128",
    "224.0.0.1, multicast 224.0.0.0/4",
    "255.255.255.255, reserved 240.0.0.0/4",
    "64:ff9b::a00:1, private 10.0.0.0/8",
    "2002:7f00:1::, loopback 127.0.0.0/8"
  })
  void internalAddressesAreRefusedNamingHostAndRule(final String address, final String rule) {
    final DestinationPolicy policy = DestinationPolicy.builder().allowHost(address).build();

    assertThatThrownBy(() -> policy.resolve(address))
        .isInstanceOf(DestinationRefusedException.class)
        .hasMessageContaining("host '" + DestinationPolicy.normalise(address) + "' resolves to")
        .satisfies(e -> assertThat(((DestinationRefusedException) e).rule()).isEqualTo(rule))
        .satisfies(e -> assertThat(((DestinationRefusedException) e).retryable()).isFalse());
  }

  @Test
  void aNameIsJudgedByTheAddressItResolvesTo() {
    final DestinationPolicy policy = DestinationPolicy.builder().allowHost("localhost").build();

    assertThatThrownBy(() -> policy.resolve("localhost"))
        .isInstanceOf(DestinationRefusedException.class)
        .hasMessageStartingWith("host 'localhost' resolves to ")
        .hasMessageContaining("refused by the loopback rule");
  }

  @Test
  void publicAddressesPass() throws Exception {
    final DestinationPolicy policy =
        DestinationPolicy.builder().allowHost("203.0.113.7").allowHost("2001:db8::7").build();

    assertThat(policy.resolve("203.0.113.7")).hasSize(1);
    assertThat(policy.resolve("[2001:db8::7]")).hasSize(1);
  }

  @Test
  void anExplicitlyAllowedRangeLetsItsAddressesThrough() throws Exception {
    final DestinationPolicy policy =
        DestinationPolicy.builder()
            .allowHost("10.20.30.40")
            .allowAddressRange("10.20.0.0/16")
            .build();

    assertThat(policy.resolve("10.20.30.40")).hasSize(1);
  }

  @Test
  void metadataAddressesNeedTheSingleAddressAllowedNotARangeAroundIt() throws Exception {
    final DestinationPolicy range =
        DestinationPolicy.builder()
            .allowHost("169.254.169.254")
            .allowAddressRange("169.254.0.0/16")
            .build();
    final DestinationPolicy exact =
        DestinationPolicy.builder()
            .allowHost("169.254.169.254")
            .allowAddressRange("169.254.169.254")
            .build();

    assertThatThrownBy(() -> range.resolve("169.254.169.254"))
        .hasMessageContaining("refused by the metadata rule");
    assertThat(exact.resolve("169.254.169.254")).hasSize(1);
  }

  @Test
  void hostsOffTheAllowListAreRefusedByName() {
    final DestinationPolicy policy =
        DestinationPolicy.builder()
            .allowHost("api.example.com")
            .allowHost("*.corp.example")
            .build();

    assertThat(policy.checkUrl(URI.create("https://API.Example.com/v1")))
        .isEqualTo("api.example.com");
    assertThat(policy.checkUrl(URI.create("https://jira.corp.example/x")))
        .isEqualTo("jira.corp.example");
    assertThat(policy.checkUrl(URI.create("https://a.b.corp.example/x")))
        .isEqualTo("a.b.corp.example");
    assertThatThrownBy(() -> policy.checkUrl(URI.create("https://corp.example/")))
        .isInstanceOf(DestinationRefusedException.class)
        .hasMessage("host 'corp.example' is not on the HTTP connector's allow-list");
    assertThatThrownBy(() -> policy.checkUrl(URI.create("https://evilcorp.example/")))
        .isInstanceOf(DestinationRefusedException.class)
        .satisfies(
            e -> assertThat(((DestinationRefusedException) e).rule()).isEqualTo("allow-list"));
    assertThatThrownBy(() -> policy.checkUrl(URI.create("https://api.example.com.evil.test/")))
        .isInstanceOf(DestinationRefusedException.class);
  }

  @Test
  void urlsWithOtherSchemesOrCredentialsAreRefused() {
    final DestinationPolicy policy = DestinationPolicy.builder().allowHost("*").build();

    assertThatThrownBy(() -> policy.checkUrl(URI.create("file:///etc/passwd")))
        .hasMessageContaining("scheme must be http or https");
    assertThatThrownBy(() -> policy.checkUrl(URI.create("https://user:pw@api.example.com/")))
        .hasMessageContaining("carries credentials")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> policy.checkUrl(URI.create("/relative")))
        .hasMessageContaining("must be absolute");
  }

  @Test
  void malformedPatternsAreRefused() {
    assertThatThrownBy(() -> DestinationPolicy.builder().allowHost("api.*.example.com"))
        .hasMessageContaining("only a leading '*.' is supported");
    assertThatThrownBy(() -> DestinationPolicy.builder().allowAddressRange("intranet/8"))
        .hasMessageContaining("'intranet/8' is not an IP address range");
    assertThatThrownBy(() -> DestinationPolicy.builder().allowAddressRange("10.0.0.0/33"))
        .hasMessageContaining("prefix /33");
  }
}
