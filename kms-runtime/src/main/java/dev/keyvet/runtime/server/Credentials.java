package dev.keyvet.runtime.server;

import dev.keyvet.engine.eval.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The access keys the server accepts: each maps to a secret and the principal its calls are made
 * as, and optionally to an AWS service that makes the calls on the principal's behalf. The file
 * format is one key a line, fields separated by white space:
 *
 * <pre>
 * # access-key-id      secret-access-key                          principal
 * AKIAEXAMPLEA0000001  Zp9Lk...   111122223333
 * AKIAEXAMPLEB0000001  7cQ3x...   arn:aws:sts::444455556666:assumed-role/BackupRole/backup
 * AKIAEXAMPLEB0000002  Jw2Rt...   arn:aws:sts::444455556666:assumed-role/BackupRole/backup  via=ec2
 * </pre>
 *
 * <p>Blank lines and lines starting with {@code #} are ignored. The principal is an IAM user or
 * role ARN, an STS assumed-role session ARN, or a 12-digit account ID (its root user). The optional
 * fourth field {@code via=SERVICE} (e.g. {@code via=ec2}) makes every call of that key one an AWS
 * service makes for the principal ({@code kms:ViaService} = {@code SERVICE.REGION.amazonaws.com}),
 * as when EBS decrypts a volume for its owner; the client cannot choose it. Secrets are never
 * printed, not even in error messages.
 */
public final class Credentials {
  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]{16,128}");
  private static final Pattern SERVICE = Pattern.compile("via=([a-z0-9-]{1,63})");

  /** One access key: its secret and the principal it signs for. */
  record Entry(String accessKeyId, byte[] secret, String principal, String viaService) {
    @Override
    public String toString() {
      return "Credential["
          + accessKeyId
          + " -> "
          + principal
          + (viaService == null ? "" : " via " + viaService)
          + ", secret hidden]";
    }
  }

  private final Map<String, Entry> byAccessKey;

  private Credentials(Map<String, Entry> byAccessKey) {
    this.byAccessKey = Collections.unmodifiableMap(byAccessKey);
  }

  /** Reads a credentials file; a malformed line fails with its line number. */
  public static Credentials read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Credentials from lines in the file format. */
  public static Credentials parse(String name, List<String> lines) {
    Map<String, Entry> m = new LinkedHashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      String where = name + ":" + n + ": ";
      if (f.length != 3 && f.length != 4) {
        throw new IllegalArgumentException(
            where
                + "expected three fields and an optional fourth: access key ID, secret access"
                + " key, principal, via=SERVICE");
      }
      String via = null;
      if (f.length == 4) {
        var vm = SERVICE.matcher(f[3]);
        if (!vm.matches()) {
          throw new IllegalArgumentException(
              where + "the fourth field is via=SERVICE, e.g. via=ec2");
        }
        via = vm.group(1);
      }
      if (!ACCESS_KEY.matcher(f[0]).matches()) {
        throw new IllegalArgumentException(
            where + "an access key ID is 16 to 128 letters and digits");
      }
      if (f[1].length() < 8) {
        throw new IllegalArgumentException(where + "the secret access key is too short");
      }
      try {
        Caller.parse(f[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      if (m.containsKey(f[0])) {
        throw new IllegalArgumentException(where + "access key " + f[0] + " is listed twice");
      }
      m.put(f[0], new Entry(f[0], f[1].getBytes(StandardCharsets.UTF_8), f[2], via));
    }
    if (m.isEmpty()) {
      throw new IllegalArgumentException(name + ": no credentials");
    }
    return new Credentials(m);
  }

  /** The entry of an access key, or null. */
  Entry get(String accessKeyId) {
    return byAccessKey.get(accessKeyId);
  }

  /** How many access keys there are. */
  public int size() {
    return byAccessKey.size();
  }
}
