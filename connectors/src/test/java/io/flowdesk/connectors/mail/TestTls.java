package io.flowdesk.connectors.mail;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust for the test mail servers: GreenMail serves the certificate in src/test/resources
 * (greenmail.p12, issued to localhost and 127.0.0.1, shadowing the one GreenMail ships), and the
 * client trusts exactly that certificate, with host name checks on as in production.
 */
final class TestTls {

  private TestTls() {}

  static SSLSocketFactory trustingTestCertificate() {
    try (InputStream pem = TestTls.class.getResourceAsStream("/mail-test-ca.pem")) {
      final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry(
          "greenmail", CertificateFactory.getInstance("X.509").generateCertificate(pem));
      final TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the test certificate", e);
    }
  }
}
