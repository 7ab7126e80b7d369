package dev.keyvet.runtime.server;

import static dev.keyvet.runtime.server.ServerFixtures.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.InMemoryAudit;
import dev.keyvet.runtime.KeyStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore.TrustedCertificateEntry;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * HTTPS with the server's self-signed certificate: the SDK trusting {@code cert.pem} works, and
 * aws:SecureTransport is true, so a key policy that refuses plain HTTP allows the call over TLS and
 * refuses the same call over HTTP.
 */
class TlsServerTest {
  @TempDir Path dir;

  static final String TLS_ONLY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admins", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "TLS only", "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
      ]}
      """;

  @Test
  void overTls_secureTransportIsTrue_andTheCertificateIsKeptForClients() throws Exception {
    ServerTls identity = ServerTls.loadOrCreate(dir.resolve("tls"));
    assertThat(dir.resolve("tls/cert.pem")).isRegularFile();
    assertThat(Files.readString(dir.resolve("tls/key.pem"))).contains("PRIVATE KEY");
    assertThat(ServerTls.loadOrCreate(dir.resolve("tls")).certificate())
        .isEqualTo(identity.certificate());

    try (KeyStore store =
            KeyStore.builder().world(ServerFixtures.world()).audit(new InMemoryAudit()).build();
        KmsServer https =
            KmsServer.builder()
                .store(store)
                .credentials(ServerFixtures.credentials())
                .tls(identity.context())
                .start();
        KmsServer http =
            KmsServer.builder().store(store).credentials(ServerFixtures.credentials()).start();
        KmsClient secure = client(https.endpoint(), identity);
        KmsClient plain = ServerFixtures.client(http, ADMIN_KEY)) {
      assertThat(https.endpoint()).startsWith("https://");
      String key = secure.createKey(r -> r.policy(TLS_ONLY)).keyMetadata().arn();
      SdkBytes blob =
          secure
              .encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("s")))
              .ciphertextBlob();
      assertThat(secure.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
          .isEqualTo("s");
      assertThatThrownBy(() -> plain.decrypt(r -> r.ciphertextBlob(blob)))
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }
  }

  private static KmsClient client(String endpoint, ServerTls identity) throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setEntry("keyvet", new TrustedCertificateEntry(identity.certificate()), null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return KmsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ADMIN_KEY, ServerFixtures.secret(ADMIN_KEY))))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .tlsTrustManagersProvider(tmf::getTrustManagers)
                .build())
        .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
        .build();
  }
}
