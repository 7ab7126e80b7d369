package dev.keyvet.cli;

import dev.keyvet.engine.scenario.World;
import dev.keyvet.runtime.KeyStore;
import dev.keyvet.runtime.StoreException;
import dev.keyvet.runtime.crypto.Sealer;
import dev.keyvet.runtime.server.Credentials;
import dev.keyvet.runtime.server.KmsServer;
import dev.keyvet.runtime.server.Seeding;
import dev.keyvet.runtime.server.ServerTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyvet serve}: the local KMS on the AWS KMS wire protocol. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the local KMS as an AWS KMS endpoint: the AWS CLI and SDKs work against it with",
      "--endpoint-url (or endpoint_url). Every call is authorized by the key policies, grants and",
      "IAM policies of the scenario, and written to the audit log in DIR/audit.",
      "Without --credentials it runs in development mode: signatures are not checked, every",
      "caller is the root user of account 111122223333, and it listens on loopback only.",
      "Stops cleanly on SIGTERM or Ctrl-C."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).",
      defaultValue = "4599")
  int port;

  @Option(
      names = "--host",
      paramLabel = "H",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The data directory: keys in DIR/store, audit in DIR/audit (default: ~/.keyvet/data).")
  Path data;

  @Option(
      names = "--root-key",
      paramLabel = "FILE",
      description =
          "The 32-byte root key file that seals key material (default: DIR/root.key, created on"
              + " first start; keep it elsewhere for a data directory worth protecting).")
  Path rootKey;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "A scenario (.kvs) whose accounts, identities and organization policies callers are"
              + " judged by; its keys are added to a data directory that does not hold them yet.")
  Path scenario;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "Access keys to check signatures against, one a line: ACCESS_KEY_ID SECRET PRINCIPAL"
              + " [via=SERVICE].")
  Path credentials;

  @Option(
      names = "--requests-per-second",
      paramLabel = "N",
      description = "Answer ThrottlingException above N requests a second (default: no quota).",
      defaultValue = "0")
  int requestsPerSecond;

  @Option(
      names = "--bare-endpoint",
      description =
          "Also answer POST /bare with {} and nothing else: the same server stack without the"
              + " KMS, for load benchmarks (bench/wrk).")
  boolean bareEndpoint;

  @Option(
      names = "--audit-sync-delay",
      paramLabel = "MS",
      description =
          "How long, in milliseconds, the audit record of a call that changes nothing may wait"
              + " to be forced to disk (default: ${DEFAULT-VALUE}; at most 1000). Such a call is"
              + " answered once its record is written to the audit file, where it survives keyvet"
              + " being killed; a power loss can lose the records of the last MS. Calls that"
              + " change keys are answered only once their record is on disk. 0 forces every"
              + " record before answering.",
      defaultValue = "10")
  long auditSyncDelayMillis;

  @Option(
      names = "--tls",
      description =
          "Serve HTTPS with a self-signed certificate for localhost and 127.0.0.1, made on first"
              + " start in DIR/tls (clients trust DIR/tls/cert.pem, e.g. aws --ca-bundle);"
              + " aws:SecureTransport is then true.")
  boolean tls;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (credentials == null && !isLoopback(host)) {
      err.println(
          "keyvet: development mode (no --credentials) listens on loopback only; give"
              + " --credentials to listen on "
              + host);
      return Main.EXIT_USAGE;
    }
    World world =
        new World(
            java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of());
    if (scenario != null) {
      world = QueryCommands.load(scenario, err);
      if (world == null) {
        return Main.EXIT_USAGE;
      }
    }
    Credentials creds = null;
    if (credentials != null) {
      try {
        creds = Credentials.read(credentials);
      } catch (IOException e) {
        err.println("keyvet: cannot read " + credentials + ": " + e.getMessage());
        return Main.EXIT_USAGE;
      } catch (IllegalArgumentException e) {
        err.println("keyvet: " + e.getMessage());
        return Main.EXIT_USAGE;
      }
    }
    if (auditSyncDelayMillis < 0 || auditSyncDelayMillis > 1000) {
      err.println("keyvet: --audit-sync-delay must be 0 to 1000 milliseconds");
      return Main.EXIT_USAGE;
    }
    Path dir = data != null ? data : AuditCommand.defaultDataDir();
    Path keyFile = rootKey != null ? rootKey : dir.resolve("root.key");
    KeyStore store;
    try {
      Files.createDirectories(dir);
      if (!Files.exists(keyFile)) {
        if (rootKey != null) {
          err.println("keyvet: " + keyFile + ": no such root key file");
          return Main.EXIT_USAGE;
        }
        Sealer.writeKeyFile(keyFile, new SecureRandom());
      }
      store =
          KeyStore.builder()
              .world(world)
              .dataDirectory(dir)
              .rootKeyFile(keyFile)
              .auditSyncDelay(java.time.Duration.ofMillis(auditSyncDelayMillis))
              .build();
    } catch (IOException e) {
      err.println("keyvet: cannot prepare " + dir + ": " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (StoreException e) {
      err.println(
          "keyvet: cannot open the data directory "
              + dir
              + " ("
              + e.code()
              + "): "
              + e.getMessage());
      return Main.EXIT_USAGE;
    }
    KmsServer server;
    try {
      if (scenario != null) {
        Seeding.Outcome o = Seeding.seedOnce(store, world);
        if (o == Seeding.Outcome.SEEDED) {
          out.println("keyvet: added the keys of " + scenario + " to " + dir);
        }
      }
      server =
          KmsServer.builder()
              .store(store)
              .host(host)
              .port(port)
              .credentials(creds)
              .requestsPerSecond(requestsPerSecond)
              .bareEndpoint(bareEndpoint)
              .tls(tls ? ServerTls.loadOrCreate(dir.resolve("tls")).context() : null)
              .log(err::println)
              .start();
    } catch (BindException e) {
      store.close();
      err.println("keyvet: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
      store.close();
      err.println("keyvet: cannot start the server: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  store.close();
                  err.println("keyvet: stopped; the store is closed");
                  err.flush();
                  stopped.countDown();
                },
                "keyvet-serve-shutdown"));
    if (server.development()) {
      err.println(
          "keyvet: warning: development mode: signatures are not checked and every caller is"
              + " the root user of account "
              + KmsServer.DEV_ACCOUNT
              + " (give --credentials FILE to check them)");
    } else {
      out.println("keyvet: checking signatures for " + creds.size() + " access key(s)");
    }
    out.println("keyvet: the local KMS listens on " + server.endpoint() + " (data: " + dir + ")");
    out.println("Try:");
    out.println(
        "  AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=example aws --region us-east-1"
            + " --endpoint-url "
            + server.endpoint()
            + (tls ? " --ca-bundle " + dir.resolve("tls").resolve("cert.pem") : "")
            + " kms create-key");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.EXIT_OK;
  }

  private static boolean isLoopback(String h) {
    try {
      return java.net.InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
