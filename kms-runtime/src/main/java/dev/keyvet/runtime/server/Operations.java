package dev.keyvet.runtime.server;

import dev.keyvet.runtime.Call;
import dev.keyvet.runtime.KeyStore;
import dev.keyvet.runtime.Kms;
import dev.keyvet.runtime.KmsException;
import dev.keyvet.runtime.crypto.KeySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;

/**
 * Every KMS operation of the {@link KeyStore} on the wire: AWS's member names, constraints and
 * response shapes. Each handler reads and validates its members, calls the store with the caller's
 * {@link Call} and writes the response.
 */
final class Operations {
  /** What one operation does with its members and the caller's call. */
  @FunctionalInterface
  interface Handler {
    Out handle(Input in, Ctx ctx);
  }

  /** The caller and the transport's condition keys; {@link #call} adds DryRun. */
  record Ctx(Call base) {
    Call call(boolean dryRun) {
      return dryRun ? base.asDryRun() : base;
    }

    Call call() {
      return base;
    }
  }

  static final Set<String> KEY_SPECS =
      Set.of(
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "ECC_NIST_P256",
          "ECC_NIST_P384",
          "ECC_NIST_P521",
          "ECC_SECG_P256K1",
          "ECC_NIST_EDWARDS25519",
          "SYMMETRIC_DEFAULT",
          "HMAC_224",
          "HMAC_256",
          "HMAC_384",
          "HMAC_512",
          "SM2",
          "ML_DSA_44",
          "ML_DSA_65",
          "ML_DSA_87");
  static final Set<String> KEY_USAGES =
      Set.of("SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
  static final Set<String> ORIGINS =
      Set.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");
  static final Set<String> ENCRYPTION_ALGORITHMS =
      Set.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");
  static final Set<String> DATA_KEY_SPECS = Set.of("AES_256", "AES_128");
  static final Set<String> DATA_KEY_PAIR_SPECS =
      Set.of(
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "ECC_NIST_P256",
          "ECC_NIST_P384",
          "ECC_NIST_P521",
          "ECC_SECG_P256K1",
          "ECC_NIST_EDWARDS25519",
          "SM2");
  static final Set<String> MAC_ALGORITHMS =
      Set.of("HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512");
  static final Set<String> SIGNING_ALGORITHMS =
      Set.of(
          "RSASSA_PSS_SHA_256",
          "RSASSA_PSS_SHA_384",
          "RSASSA_PSS_SHA_512",
          "RSASSA_PKCS1_V1_5_SHA_256",
          "RSASSA_PKCS1_V1_5_SHA_384",
          "RSASSA_PKCS1_V1_5_SHA_512",
          "ECDSA_SHA_256",
          "ECDSA_SHA_384",
          "ECDSA_SHA_512",
          "SM2DSA",
          "ML_DSA_SHAKE_256",
          "ED25519_SHA_512",
          "ED25519_PH_SHA_512");
  static final Set<String> MESSAGE_TYPES = Set.of("RAW", "DIGEST", "EXTERNAL_MU");
  static final Set<String> GRANT_OPERATIONS =
      Set.of(
          "Decrypt",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "ReEncryptFrom",
          "ReEncryptTo",
          "Sign",
          "Verify",
          "GetPublicKey",
          "CreateGrant",
          "RetireGrant",
          "DescribeKey",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "GenerateMac",
          "VerifyMac",
          "DeriveSharedSecret");
  static final Set<String> WRAPPING_ALGORITHMS =
      Set.of(
          "RSAES_PKCS1_V1_5",
          "RSAES_OAEP_SHA_1",
          "RSAES_OAEP_SHA_256",
          "RSA_AES_KEY_WRAP_SHA_1",
          "RSA_AES_KEY_WRAP_SHA_256",
          "SM2PKE");
  static final Set<String> WRAPPING_KEY_SPECS = Set.of("RSA_2048", "RSA_3072", "RSA_4096", "SM2");
  static final Set<String> EXPIRATION_MODELS =
      Set.of("KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE");
  static final Set<String> INCLUDE_KEY_MATERIAL = Set.of("ALL_KEY_MATERIAL", "ROTATIONS_ONLY");

  private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
  private static final Pattern GRANT_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
  private static final Pattern POLICY_NAME = Pattern.compile("[\\w]+");
  private static final Pattern REGION = Pattern.compile("^([a-z]+-){2,3}\\d+$");
  private static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");
  private static final Pattern BARE_KEY_ID =
      Pattern.compile(
          "(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  /** AWS KMS operations this server knows but the store does not offer. */
  static final Set<String> UNSUPPORTED =
      Set.of(
          "ConnectCustomKeyStore",
          "CreateCustomKeyStore",
          "DeleteCustomKeyStore",
          "DisconnectCustomKeyStore",
          "UpdateCustomKeyStore",
          "DeriveSharedSecret");

  private final KeyStore store;
  private final Map<String, Handler> handlers = new HashMap<>();

  Operations(KeyStore store) {
    this.store = store;
    keys();
    policies();
    aliases();
    tags();
    grants();
    crypto();
    asymmetric();
    imports();
    rotation();
    regions();
    handlers.put(
        "DescribeCustomKeyStores",
        (in, ctx) -> {
          in.string("CustomKeyStoreId", false, 1, 64);
          in.string("CustomKeyStoreName", false, 1, 256);
          limit(in);
          marker(in);
          in.done();
          Out out = new Out();
          out.array("CustomKeyStores");
          return out.page(null);
        });
  }

  /** The handler of {@code operation}, or null when there is none. */
  Handler get(String operation) {
    return handlers.get(operation);
  }

  Set<String> names() {
    return handlers.keySet();
  }

  // --- shared members --------------------------------------------------------------------------

  private static String keyId(Input in) {
    return in.string("KeyId", true, 1, 2048);
  }

  private static Integer limit(Input in) {
    return in.integer("Limit", false, 1, 1000);
  }

  private static String marker(Input in) {
    return in.string("Marker", false, 1, 1024, MARKER);
  }

  private static List<String> grantTokens(Input in) {
    return in.stringList("GrantTokens", false, 0, 10, 1, 8192);
  }

  private static boolean dryRun(Input in) {
    return in.flag("DryRun");
  }

  private static String region(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length > 3 ? parts[3] : null;
  }

  /** The key ARN for a bare key ID in the caller's account and Region; other forms unchanged. */
  private static String keyArn(Call call, String keyId) {
    if (!BARE_KEY_ID.matcher(keyId).matches()) {
      return keyId;
    }
    String account = accountOf(call.caller());
    return account == null
        ? keyId
        : "arn:aws:kms:" + call.region() + ":" + account + ":key/" + keyId;
  }

  private static String accountOf(String caller) {
    if (caller.matches("\\d{12}")) {
      return caller;
    }
    String[] parts = caller.split(":", 6);
    return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
  }

  static void keyMetadata(Out out, Kms.KeyMetadata md) {
    out.str("AWSAccountId", md.awsAccountId())
        .str("KeyId", md.keyId())
        .str("Arn", md.arn())
        .time("CreationDate", md.creationDate())
        .bool("Enabled", md.enabled())
        .str("Description", md.description() == null ? "" : md.description())
        .str("KeyUsage", md.keyUsage())
        .str("KeyState", md.keyState())
        .time("DeletionDate", md.deletionDate())
        .str("Origin", md.origin())
        .str("KeyManager", md.keyManager())
        .str("CustomerMasterKeySpec", md.keySpec())
        .str("KeySpec", md.keySpec())
        .nonEmpty("EncryptionAlgorithms", md.encryptionAlgorithms())
        .nonEmpty("SigningAlgorithms", md.signingAlgorithms())
        .nonEmpty("MacAlgorithms", md.macAlgorithms())
        .bool("MultiRegion", md.multiRegion())
        .num("PendingDeletionWindowInDays", md.pendingDeletionWindowInDays())
        .str("CurrentKeyMaterialId", md.currentKeyMaterialId());
    out.str("ExpirationModel", md.expirationModel()).time("ValidTo", md.validTo());
    Kms.MultiRegionConfiguration mr = md.multiRegionConfiguration();
    if (mr != null) {
      Out c = out.obj("MultiRegionConfiguration");
      c.str("MultiRegionKeyType", mr.multiRegionKeyType());
      if (mr.primaryKeyArn() != null) {
        c.obj("PrimaryKey")
            .str("Arn", mr.primaryKeyArn())
            .str("Region", region(mr.primaryKeyArn()));
      }
      ArrayNode replicas = c.array("ReplicaKeys");
      for (String r : mr.replicaKeyArns()) {
        new Out(replicas.addObject()).str("Arn", r).str("Region", region(r));
      }
    }
  }

  private static Out metadata(Kms.KeyMetadata md) {
    Out out = new Out();
    keyMetadata(out.obj("KeyMetadata"), md);
    return out;
  }

  // --- keys ------------------------------------------------------------------------------------

  private void keys() {
    handlers.put(
        "CreateKey",
        (in, ctx) -> {
          String policy = in.string("Policy", false, 1, 131072);
          String description = in.string("Description", false, 0, 8192);
          String usage = in.enumValue("KeyUsage", false, KEY_USAGES);
          String legacySpec = in.enumValue("CustomerMasterKeySpec", false, KEY_SPECS);
          String spec = in.enumValue("KeySpec", false, KEY_SPECS);
          String origin = in.enumValue("Origin", false, ORIGINS);
          String customKeyStore = in.string("CustomKeyStoreId", false, 1, 64);
          Boolean bypass = in.bool("BypassPolicyLockoutSafetyCheck");
          Map<String, String> tags = in.tags("Tags");
          boolean multiRegion = in.flag("MultiRegion");
          String xks = in.string("XksKeyId", false, 1, 128);
          in.done();
          if (spec != null && legacySpec != null) {
            throw AwsError.validation(
                "You cannot specify KeySpec and CustomerMasterKeySpec in the same request."
                    + " CustomerMasterKeySpec parameter is deprecated. Use KeySpec only.");
          }
          if (customKeyStore != null
              || xks != null
              || "AWS_CLOUDHSM".equals(origin)
              || "EXTERNAL_KEY_STORE".equals(origin)) {
            throw new AwsError(
                "UnsupportedOperationException", "custom key stores are not supported");
          }
          Kms.KeyMetadata md =
              store.createKey(
                  ctx.call(),
                  new Kms.CreateKeyRequest(
                      policy,
                      description,
                      spec != null ? spec : legacySpec,
                      usage,
                      origin,
                      multiRegion,
                      tags,
                      bypass));
          return metadata(md);
        });
    handlers.put(
        "DescribeKey",
        (in, ctx) -> {
          String keyId = keyId(in);
          grantTokens(in);
          in.done();
          return metadata(store.describeKey(ctx.call(), keyId));
        });
    handlers.put(
        "ListKeys",
        (in, ctx) -> {
          Integer limit = limit(in);
          String marker = marker(in);
          in.done();
          Kms.Page<Kms.KeyListEntry> page = store.listKeys(ctx.call(), limit, marker);
          Out out = new Out();
          ArrayNode a = out.array("Keys");
          for (Kms.KeyListEntry e : page.items()) {
            new Out(a.addObject()).str("KeyId", e.keyId()).str("KeyArn", e.keyArn());
          }
          return out.page(page.nextMarker());
        });
    handlers.put(
        "UpdateKeyDescription",
        (in, ctx) -> {
          String keyId = keyId(in);
          String description = in.string("Description", true, 0, 8192);
          in.done();
          store.updateKeyDescription(ctx.call(), keyId, description);
          return new Out();
        });
    handlers.put(
        "EnableKey",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          store.enableKey(ctx.call(), keyId);
          return new Out();
        });
    handlers.put(
        "DisableKey",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          store.disableKey(ctx.call(), keyId);
          return new Out();
        });
    handlers.put(
        "ScheduleKeyDeletion",
        (in, ctx) -> {
          String keyId = keyId(in);
          Integer days = in.integer("PendingWindowInDays", false, 1, 365);
          in.done();
          Kms.DeletionSchedule s = store.scheduleKeyDeletion(ctx.call(), keyId, days);
          return new Out()
              .str("KeyId", s.keyId())
              .time("DeletionDate", s.deletionDate())
              .str("KeyState", s.keyState())
              .num("PendingWindowInDays", s.pendingWindowInDays());
        });
    handlers.put(
        "CancelKeyDeletion",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          store.cancelKeyDeletion(ctx.call(), keyId);
          return new Out().str("KeyId", keyArn(ctx.call(), keyId));
        });
  }

  // --- key policies ----------------------------------------------------------------------------

  private void policies() {
    handlers.put(
        "GetKeyPolicy",
        (in, ctx) -> {
          String keyId = keyId(in);
          String name = in.string("PolicyName", false, 1, 128, POLICY_NAME);
          in.done();
          String n = name == null ? "default" : name;
          return new Out()
              .str("Policy", store.getKeyPolicy(ctx.call(), keyId, n))
              .str("PolicyName", n);
        });
    handlers.put(
        "PutKeyPolicy",
        (in, ctx) -> {
          String keyId = keyId(in);
          String name = in.string("PolicyName", false, 1, 128, POLICY_NAME);
          String policy = in.string("Policy", true, 1, 131072);
          Boolean bypass = in.bool("BypassPolicyLockoutSafetyCheck");
          in.done();
          store.putKeyPolicy(ctx.call(), keyId, name == null ? "default" : name, policy, bypass);
          return new Out();
        });
    handlers.put(
        "ListKeyPolicies",
        (in, ctx) -> {
          String keyId = keyId(in);
          limit(in);
          String marker = marker(in);
          in.done();
          List<String> names = store.listKeyPolicies(ctx.call(), keyId);
          if (marker != null) {
            throw new AwsError("InvalidMarkerException", "the marker is not valid");
          }
          return new Out().strings("PolicyNames", names).page(null);
        });
  }

  // --- aliases ---------------------------------------------------------------------------------

  private void aliases() {
    handlers.put(
        "CreateAlias",
        (in, ctx) -> {
          String alias = in.string("AliasName", true, 1, 256, ALIAS_NAME);
          String target = in.string("TargetKeyId", true, 1, 2048);
          in.done();
          store.createAlias(ctx.call(), alias, target);
          return new Out();
        });
    handlers.put(
        "UpdateAlias",
        (in, ctx) -> {
          String alias = in.string("AliasName", true, 1, 256, ALIAS_NAME);
          String target = in.string("TargetKeyId", true, 1, 2048);
          in.done();
          store.updateAlias(ctx.call(), alias, target);
          return new Out();
        });
    handlers.put(
        "DeleteAlias",
        (in, ctx) -> {
          String alias = in.string("AliasName", true, 1, 256, ALIAS_NAME);
          in.done();
          store.deleteAlias(ctx.call(), alias);
          return new Out();
        });
    handlers.put(
        "ListAliases",
        (in, ctx) -> {
          String keyId = in.string("KeyId", false, 1, 2048);
          Integer limit = limit(in);
          String marker = marker(in);
          in.done();
          Kms.Page<Kms.AliasListEntry> page = store.listAliases(ctx.call(), keyId, limit, marker);
          Out out = new Out();
          ArrayNode a = out.array("Aliases");
          for (Kms.AliasListEntry e : page.items()) {
            new Out(a.addObject())
                .str("AliasName", e.aliasName())
                .str("AliasArn", e.aliasArn())
                .str("TargetKeyId", e.targetKeyId())
                .time("CreationDate", e.creationDate())
                .time("LastUpdatedDate", e.lastUpdatedDate());
          }
          return out.page(page.nextMarker());
        });
  }

  // --- tags ------------------------------------------------------------------------------------

  private void tags() {
    handlers.put(
        "TagResource",
        (in, ctx) -> {
          String keyId = keyId(in);
          Map<String, String> tags = in.tags("Tags");
          if (tags == null) {
            in.stringList("Tags", true, 0, 0, 0, 0);
          }
          in.done();
          store.tagResource(ctx.call(), keyId, tags);
          return new Out();
        });
    handlers.put(
        "UntagResource",
        (in, ctx) -> {
          String keyId = keyId(in);
          List<String> keys = in.stringList("TagKeys", true, 0, Integer.MAX_VALUE, 1, 128);
          in.done();
          store.untagResource(ctx.call(), keyId, keys);
          return new Out();
        });
    handlers.put(
        "ListResourceTags",
        (in, ctx) -> {
          String keyId = keyId(in);
          Integer limit = in.integer("Limit", false, 1, 50);
          String marker = marker(in);
          in.done();
          Kms.Page<Kms.Tag> page = store.listResourceTags(ctx.call(), keyId, limit, marker);
          Out out = new Out();
          ArrayNode a = out.array("Tags");
          for (Kms.Tag t : page.items()) {
            new Out(a.addObject()).str("TagKey", t.tagKey()).str("TagValue", t.tagValue());
          }
          return out.page(page.nextMarker());
        });
  }

  // --- grants ----------------------------------------------------------------------------------

  private void grants() {
    handlers.put(
        "CreateGrant",
        (in, ctx) -> {
          String keyId = keyId(in);
          String grantee = in.string("GranteePrincipal", true, 1, 256);
          String retiring = in.string("RetiringPrincipal", false, 1, 256);
          List<String> operations = in.enumList("Operations", true, GRANT_OPERATIONS);
          Map<String, Map<String, String>> constraints = in.constraints("Constraints");
          List<String> tokens = grantTokens(in);
          String name = in.string("Name", false, 1, 256, GRANT_NAME);
          boolean dryRun = dryRun(in);
          in.done();
          Kms.CreateGrantResponse r =
              store.createGrant(
                  ctx.call(dryRun),
                  new Kms.CreateGrantRequest(
                      keyId,
                      grantee,
                      retiring,
                      operations,
                      constraints == null ? null : constraints.get("equals"),
                      constraints == null ? null : constraints.get("subset"),
                      tokens,
                      name));
          return new Out().str("GrantToken", r.grantToken()).str("GrantId", r.grantId());
        });
    handlers.put(
        "ListGrants",
        (in, ctx) -> {
          Integer limit = limit(in);
          String marker = marker(in);
          String keyId = keyId(in);
          String grantId = in.string("GrantId", false, 1, 128);
          String grantee = in.string("GranteePrincipal", false, 1, 256);
          in.done();
          return grantPage(store.listGrants(ctx.call(), keyId, grantId, grantee, limit, marker));
        });
    handlers.put(
        "ListRetirableGrants",
        (in, ctx) -> {
          Integer limit = limit(in);
          String marker = marker(in);
          String retiring = in.string("RetiringPrincipal", true, 1, 256);
          in.done();
          return grantPage(store.listRetirableGrants(ctx.call(), retiring, limit, marker));
        });
    handlers.put(
        "RetireGrant",
        (in, ctx) -> {
          String token = in.string("GrantToken", false, 1, 8192);
          String keyId = in.string("KeyId", false, 1, 2048);
          String grantId = in.string("GrantId", false, 1, 128);
          boolean dryRun = dryRun(in);
          in.done();
          store.retireGrant(ctx.call(dryRun), token, keyId, grantId);
          return new Out();
        });
    handlers.put(
        "RevokeGrant",
        (in, ctx) -> {
          String keyId = keyId(in);
          String grantId = in.string("GrantId", true, 1, 128);
          boolean dryRun = dryRun(in);
          in.done();
          store.revokeGrant(ctx.call(dryRun), keyId, grantId);
          return new Out();
        });
  }

  private static Out grantPage(Kms.Page<Kms.GrantListEntry> page) {
    Out out = new Out();
    ArrayNode a = out.array("Grants");
    for (Kms.GrantListEntry g : page.items()) {
      Out e =
          new Out(a.addObject())
              .str("KeyId", g.keyId())
              .str("GrantId", g.grantId())
              .str("Name", g.name())
              .time("CreationDate", g.creationDate())
              .str("GranteePrincipal", g.granteePrincipal())
              .str("RetiringPrincipal", g.retiringPrincipal())
              .str("IssuingAccount", g.issuingAccount())
              .strings("Operations", g.operations());
      if (g.encryptionContextEquals() != null || g.encryptionContextSubset() != null) {
        e.obj("Constraints")
            .map("EncryptionContextEquals", g.encryptionContextEquals())
            .map("EncryptionContextSubset", g.encryptionContextSubset());
      }
    }
    return out.page(page.nextMarker());
  }

  // --- symmetric and data keys -----------------------------------------------------------------

  private void crypto() {
    handlers.put(
        "Encrypt",
        (in, ctx) -> {
          String keyId = keyId(in);
          byte[] plaintext = in.blob("Plaintext", true, 1, 4096);
          Map<String, String> ec = in.stringMap("EncryptionContext");
          List<String> tokens = grantTokens(in);
          String alg = in.enumValue("EncryptionAlgorithm", false, ENCRYPTION_ALGORITHMS);
          boolean dryRun = dryRun(in);
          in.done();
          Kms.EncryptResponse r =
              store.encrypt(
                  ctx.call(dryRun), new Kms.EncryptRequest(keyId, plaintext, ec, alg, tokens));
          return new Out()
              .blob("CiphertextBlob", r.ciphertextBlob())
              .str("KeyId", r.keyId())
              .str("EncryptionAlgorithm", r.encryptionAlgorithm());
        });
    handlers.put(
        "Decrypt",
        (in, ctx) -> {
          byte[] blob = in.blob("CiphertextBlob", true, 1, 6144);
          Map<String, String> ec = in.stringMap("EncryptionContext");
          List<String> tokens = grantTokens(in);
          String keyId = in.string("KeyId", false, 1, 2048);
          String alg = in.enumValue("EncryptionAlgorithm", false, ENCRYPTION_ALGORITHMS);
          boolean dryRun = dryRun(in);
          in.done();
          Kms.DecryptResponse r =
              store.decrypt(ctx.call(dryRun), new Kms.DecryptRequest(blob, keyId, ec, alg, tokens));
          return new Out()
              .str("KeyId", r.keyId())
              .blob("Plaintext", r.plaintext())
              .str("EncryptionAlgorithm", r.encryptionAlgorithm());
        });
    handlers.put(
        "ReEncrypt",
        (in, ctx) -> {
          byte[] blob = in.blob("CiphertextBlob", true, 1, 6144);
          Map<String, String> sourceEc = in.stringMap("SourceEncryptionContext");
          String sourceKeyId = in.string("SourceKeyId", false, 1, 2048);
          String destinationKeyId = in.string("DestinationKeyId", true, 1, 2048);
          Map<String, String> destinationEc = in.stringMap("DestinationEncryptionContext");
          String sourceAlg =
              in.enumValue("SourceEncryptionAlgorithm", false, ENCRYPTION_ALGORITHMS);
          String destinationAlg =
              in.enumValue("DestinationEncryptionAlgorithm", false, ENCRYPTION_ALGORITHMS);
          List<String> tokens = grantTokens(in);
          boolean dryRun = dryRun(in);
          in.done();
          if ((sourceAlg != null && !sourceAlg.equals("SYMMETRIC_DEFAULT"))
              || (destinationAlg != null && !destinationAlg.equals("SYMMETRIC_DEFAULT"))) {
            throw new AwsError(
                "UnsupportedOperationException",
                "ReEncrypt supports only SYMMETRIC_DEFAULT on this server");
          }
          Kms.ReEncryptResponse r =
              store.reEncrypt(
                  ctx.call(dryRun),
                  new Kms.ReEncryptRequest(
                      blob, sourceKeyId, sourceEc, destinationKeyId, destinationEc, tokens));
          return new Out()
              .blob("CiphertextBlob", r.ciphertextBlob())
              .str("SourceKeyId", r.sourceKeyId())
              .str("KeyId", r.keyId())
              .str("SourceEncryptionAlgorithm", "SYMMETRIC_DEFAULT")
              .str("DestinationEncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        });
    handlers.put("GenerateDataKey", (in, ctx) -> dataKey(in, ctx, true));
    handlers.put("GenerateDataKeyWithoutPlaintext", (in, ctx) -> dataKey(in, ctx, false));
    handlers.put(
        "GenerateRandom",
        (in, ctx) -> {
          Integer n = in.integer("NumberOfBytes", false, 1, 1024);
          String customKeyStore = in.string("CustomKeyStoreId", false, 1, 64);
          in.done();
          if (customKeyStore != null) {
            throw new AwsError(
                "UnsupportedOperationException", "custom key stores are not supported");
          }
          if (n == null) {
            throw AwsError.validation("NumberOfBytes is required");
          }
          return new Out().blob("Plaintext", store.generateRandom(ctx.call(), n));
        });
  }

  private Out dataKey(Input in, Ctx ctx, boolean withPlaintext) {
    String keyId = keyId(in);
    Map<String, String> ec = in.stringMap("EncryptionContext");
    Integer n = in.integer("NumberOfBytes", false, 1, 1024);
    String spec = in.enumValue("KeySpec", false, DATA_KEY_SPECS);
    List<String> tokens = grantTokens(in);
    boolean dryRun = dryRun(in);
    in.done();
    Kms.GenerateDataKeyRequest req = new Kms.GenerateDataKeyRequest(keyId, ec, spec, n, tokens);
    Kms.DataKey k =
        withPlaintext
            ? store.generateDataKey(ctx.call(dryRun), req)
            : store.generateDataKeyWithoutPlaintext(ctx.call(dryRun), req);
    return new Out()
        .blob("CiphertextBlob", k.ciphertextBlob())
        .blob("Plaintext", withPlaintext ? k.plaintext() : null)
        .str("KeyId", k.keyId());
  }

  // --- MACs, signatures, public keys, data key pairs -------------------------------------------

  private void asymmetric() {
    handlers.put(
        "GenerateMac",
        (in, ctx) -> {
          byte[] message = in.blob("Message", true, 1, 4096);
          String keyId = keyId(in);
          String alg = in.enumValue("MacAlgorithm", true, MAC_ALGORITHMS);
          grantTokens(in);
          boolean dryRun = dryRun(in);
          in.done();
          Kms.MacResponse r = store.generateMac(ctx.call(dryRun), keyId, message, alg);
          return new Out()
              .blob("Mac", r.mac())
              .str("MacAlgorithm", r.macAlgorithm())
              .str("KeyId", r.keyId());
        });
    handlers.put(
        "VerifyMac",
        (in, ctx) -> {
          byte[] message = in.blob("Message", true, 1, 4096);
          String keyId = keyId(in);
          String alg = in.enumValue("MacAlgorithm", true, MAC_ALGORITHMS);
          byte[] mac = in.blob("Mac", true, 1, 6144);
          grantTokens(in);
          boolean dryRun = dryRun(in);
          in.done();
          boolean valid = store.verifyMac(ctx.call(dryRun), keyId, message, alg, mac);
          return new Out()
              .str("KeyId", keyArn(ctx.call(), keyId))
              .bool("MacValid", valid)
              .str("MacAlgorithm", alg);
        });
    handlers.put(
        "Sign",
        (in, ctx) -> {
          String keyId = keyId(in);
          byte[] message = in.blob("Message", true, 1, 4096);
          String type = in.enumValue("MessageType", false, MESSAGE_TYPES);
          grantTokens(in);
          String alg = in.enumValue("SigningAlgorithm", true, SIGNING_ALGORITHMS);
          boolean dryRun = dryRun(in);
          in.done();
          Kms.SignResponse r = store.sign(ctx.call(dryRun), keyId, message, type, alg);
          return new Out()
              .str("KeyId", r.keyId())
              .blob("Signature", r.signature())
              .str("SigningAlgorithm", r.signingAlgorithm());
        });
    handlers.put(
        "Verify",
        (in, ctx) -> {
          String keyId = keyId(in);
          byte[] message = in.blob("Message", true, 1, 4096);
          String type = in.enumValue("MessageType", false, MESSAGE_TYPES);
          byte[] signature = in.blob("Signature", true, 1, 6144);
          String alg = in.enumValue("SigningAlgorithm", true, SIGNING_ALGORITHMS);
          grantTokens(in);
          boolean dryRun = dryRun(in);
          in.done();
          boolean valid = store.verify(ctx.call(dryRun), keyId, message, type, alg, signature);
          return new Out()
              .str("KeyId", keyArn(ctx.call(), keyId))
              .bool("SignatureValid", valid)
              .str("SigningAlgorithm", alg);
        });
    handlers.put(
        "GetPublicKey",
        (in, ctx) -> {
          String keyId = keyId(in);
          grantTokens(in);
          in.done();
          Kms.PublicKey k = store.getPublicKey(ctx.call(), keyId);
          Out out =
              new Out()
                  .str("KeyId", k.keyId())
                  .blob("PublicKey", k.publicKey())
                  .str("CustomerMasterKeySpec", k.keySpec())
                  .str("KeySpec", k.keySpec())
                  .str("KeyUsage", k.keyUsage());
          KeySpec spec = KeySpec.parse(k.keySpec());
          if ("ENCRYPT_DECRYPT".equals(k.keyUsage())) {
            out.nonEmpty(
                "EncryptionAlgorithms",
                spec.encryptionAlgorithms().stream().map(Enum::name).toList());
          } else if ("SIGN_VERIFY".equals(k.keyUsage())) {
            out.nonEmpty(
                "SigningAlgorithms", spec.signingAlgorithms().stream().map(Enum::name).toList());
          } else if ("KEY_AGREEMENT".equals(k.keyUsage())) {
            out.strings("KeyAgreementAlgorithms", List.of("ECDH"));
          }
          return out;
        });
    handlers.put("GenerateDataKeyPair", (in, ctx) -> dataKeyPair(in, ctx, true));
    handlers.put("GenerateDataKeyPairWithoutPlaintext", (in, ctx) -> dataKeyPair(in, ctx, false));
  }

  private Out dataKeyPair(Input in, Ctx ctx, boolean withPlaintext) {
    Map<String, String> ec = in.stringMap("EncryptionContext");
    String keyId = keyId(in);
    String spec = in.enumValue("KeyPairSpec", true, DATA_KEY_PAIR_SPECS);
    List<String> tokens = grantTokens(in);
    boolean dryRun = dryRun(in);
    in.done();
    Kms.GenerateDataKeyPairRequest req =
        new Kms.GenerateDataKeyPairRequest(keyId, ec, spec, tokens);
    Kms.DataKeyPair p =
        withPlaintext
            ? store.generateDataKeyPair(ctx.call(dryRun), req)
            : store.generateDataKeyPairWithoutPlaintext(ctx.call(dryRun), req);
    return new Out()
        .blob("PrivateKeyCiphertextBlob", p.privateKeyCiphertextBlob())
        .blob("PrivateKeyPlaintext", withPlaintext ? p.privateKeyPlaintext() : null)
        .blob("PublicKey", p.publicKey())
        .str("KeyId", p.keyId())
        .str("KeyPairSpec", p.keyPairSpec());
  }

  // --- imported key material -------------------------------------------------------------------

  private void imports() {
    handlers.put(
        "GetParametersForImport",
        (in, ctx) -> {
          String keyId = keyId(in);
          String alg = in.enumValue("WrappingAlgorithm", true, WRAPPING_ALGORITHMS);
          String spec = in.enumValue("WrappingKeySpec", true, WRAPPING_KEY_SPECS);
          in.done();
          Kms.ImportParameters p = store.getParametersForImport(ctx.call(), keyId, alg, spec);
          return new Out()
              .str("KeyId", p.keyId())
              .blob("ImportToken", p.importToken())
              .blob("PublicKey", p.publicKey())
              .time("ParametersValidTo", p.parametersValidTo());
        });
    handlers.put(
        "ImportKeyMaterial",
        (in, ctx) -> {
          String keyId = keyId(in);
          byte[] token = in.blob("ImportToken", true, 1, 6144);
          byte[] material = in.blob("EncryptedKeyMaterial", true, 1, 6144);
          var validTo = in.timestamp("ValidTo");
          String model = in.enumValue("ExpirationModel", false, EXPIRATION_MODELS);
          in.done();
          store.importKeyMaterial(
              ctx.call(), new Kms.ImportKeyMaterialRequest(keyId, token, material, validTo, model));
          return new Out().str("KeyId", keyArn(ctx.call(), keyId));
        });
    handlers.put(
        "DeleteImportedKeyMaterial",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          store.deleteImportedKeyMaterial(ctx.call(), keyId);
          return new Out().str("KeyId", keyArn(ctx.call(), keyId));
        });
  }

  // --- rotation --------------------------------------------------------------------------------

  private void rotation() {
    handlers.put(
        "EnableKeyRotation",
        (in, ctx) -> {
          String keyId = keyId(in);
          Integer days = in.integer("RotationPeriodInDays", false, 90, 2560);
          in.done();
          store.enableKeyRotation(ctx.call(), keyId, days);
          return new Out();
        });
    handlers.put(
        "DisableKeyRotation",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          store.disableKeyRotation(ctx.call(), keyId);
          return new Out();
        });
    handlers.put(
        "GetKeyRotationStatus",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          Kms.RotationStatus s = store.getKeyRotationStatus(ctx.call(), keyId);
          return new Out()
              .bool("KeyRotationEnabled", s.keyRotationEnabled())
              .str("KeyId", s.keyId())
              .num("RotationPeriodInDays", s.rotationPeriodInDays())
              .time("NextRotationDate", s.nextRotationDate())
              .time("OnDemandRotationStartDate", s.onDemandRotationStartDate());
        });
    handlers.put(
        "RotateKeyOnDemand",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.done();
          return new Out().str("KeyId", store.rotateKeyOnDemand(ctx.call(), keyId));
        });
    handlers.put(
        "ListKeyRotations",
        (in, ctx) -> {
          String keyId = keyId(in);
          in.enumValue("IncludeKeyMaterial", false, INCLUDE_KEY_MATERIAL);
          Integer limit = limit(in);
          String marker = marker(in);
          in.done();
          Kms.Page<Kms.Rotation> page = store.listKeyRotations(ctx.call(), keyId, limit, marker);
          Out out = new Out();
          ArrayNode a = out.array("Rotations");
          for (Kms.Rotation r : page.items()) {
            new Out(a.addObject())
                .str("KeyId", r.keyId())
                .str("KeyMaterialId", r.keyMaterialId())
                .time("RotationDate", r.rotationDate())
                .str("RotationType", r.rotationType());
          }
          return out.page(page.nextMarker());
        });
  }

  // --- multi-Region keys -----------------------------------------------------------------------

  private void regions() {
    handlers.put(
        "ReplicateKey",
        (in, ctx) -> {
          String keyId = keyId(in);
          String replicaRegion = in.string("ReplicaRegion", true, 1, 32, REGION);
          String policy = in.string("Policy", false, 1, 131072);
          Boolean bypass = in.bool("BypassPolicyLockoutSafetyCheck");
          String description = in.string("Description", false, 0, 8192);
          Map<String, String> tags = in.tags("Tags");
          in.done();
          Kms.KeyMetadata md =
              store.replicateKey(
                  ctx.call(),
                  new Kms.ReplicateKeyRequest(
                      keyId, replicaRegion, policy, bypass, description, tags));
          Out out = new Out();
          keyMetadata(out.obj("ReplicaKeyMetadata"), md);
          out.str("ReplicaPolicy", policy);
          ArrayNode a = out.array("ReplicaTags");
          if (tags != null) {
            tags.forEach((k, v) -> new Out(a.addObject()).str("TagKey", k).str("TagValue", v));
          }
          return out;
        });
    handlers.put(
        "UpdatePrimaryRegion",
        (in, ctx) -> {
          String keyId = keyId(in);
          String primary = in.string("PrimaryRegion", true, 1, 32, REGION);
          in.done();
          store.updatePrimaryRegion(ctx.call(), keyId, primary);
          return new Out();
        });
  }

  /** Maps a store error to the wire: KMSInternalException is a server error (500). */
  static AwsError wire(KmsException e) {
    int status = e.errorName().equals("KMSInternalException") ? 500 : 400;
    return new AwsError(e.errorName(), e.getMessage(), status);
  }
}
