package dev.keyvet.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.World;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Callers, credentials and SDK clients for the server tests. */
final class ServerFixtures {
  private ServerFixtures() {}

  static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";
  static final String APP = "arn:aws:iam::111122223333:role/App";
  static final String DENIED = "arn:aws:iam::111122223333:role/Denied";
  static final String READER = "arn:aws:iam::444455556666:role/Reader";

  static final String ADMIN_KEY = "AKIAADMIN00000000001";
  static final String DENIED_KEY = "AKIADENIED0000000001";
  static final String READER_KEY = "AKIAREADER0000000001";
  static final String APP_KEY = "AKIAAPP0000000000001";

  static String secret(String accessKey) {
    return "secret-of-" + accessKey.toLowerCase();
  }

  static Credentials credentials() {
    return Credentials.parse(
        "test",
        java.util.List.of(
            "# access key, secret, principal",
            ADMIN_KEY + " " + secret(ADMIN_KEY) + " " + ADMIN,
            DENIED_KEY + " " + secret(DENIED_KEY) + " " + DENIED,
            READER_KEY + " " + secret(READER_KEY) + " " + READER,
            APP_KEY + " " + secret(APP_KEY) + " " + APP));
  }

  static World world() {
    return load(resource("/store/world.kvs"));
  }

  static World load(Path p) {
    World w = ScenarioLoader.fromDisk().load(p, false).world();
    assertThat(w.diagnostics()).isEmpty();
    return w;
  }

  static Path resource(String name) {
    try {
      return Path.of(ServerFixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static KmsClient client(KmsServer server, String accessKey, String secret) {
    return client(server, accessKey, secret, Region.US_EAST_1);
  }

  static KmsClient client(KmsServer server, String accessKey, String secret, Region region) {
    return KmsClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static KmsClient client(KmsServer server, String accessKey) {
    return client(server, accessKey, secret(accessKey));
  }
}
