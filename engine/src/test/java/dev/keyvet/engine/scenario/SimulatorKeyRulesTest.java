package dev.keyvet.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.scenario.Simulator.Answer;
import dev.keyvet.engine.scenario.Simulator.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What KMS rejects whatever the policies say, and how questions name keys: algorithms, rotation,
 * replication, AWS managed keys, aliases per Region, and what `via` sets.
 */
class SimulatorKeyRulesTest {
  private static final String WORLD =
      """
      account 111122223333 "a" {
        role Ops { policy { "Version": "2012-10-17",
                            "Statement": [ { "Effect": "Allow", "Action": "kms:*", "Resource": "*" } ] } }
        key rsa { spec RSA_3072 usage ENCRYPT_DECRYPT }
        key signer { spec ECC_NIST_P256 }
        key mac { spec HMAC_256 }
        key byok { origin EXTERNAL }
        key plain { region us-east-1 alias "alias/backups" }
        key plain-eu { region eu-west-1 alias "alias/backups" }
        key global {
          id "mrk-1234abcd12ab34cd56ef1234567890ab"
          multi-region
          replica eu-west-1 { policy { "Version": "2012-10-17", "Statement": [ {
            "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/Ops" },
            "Action": "kms:Decrypt", "Resource": "*" } ] } }
        }
        key managed {
          aws-managed
          alias "alias/aws/ebs"
        }
        key grants {
          policy { "Version": "2012-10-17", "Statement": [ {
            "Sid": "EBS grants", "Effect": "Allow",
            "Principal": { "AWS": "arn:aws:iam::111122223333:role/Ops" },
            "Action": "kms:CreateGrant", "Resource": "*",
            "Condition": { "Bool": { "kms:GrantIsForAWSResource": "true" } } } ] }
        }
      }
      """;

  private static Answer ask(String question) {
    World world =
        new ScenarioLoader(p -> new byte[0]).load(Path.of("world.kvs"), WORLD, false).world();
    assertThat(world.diagnostics()).isEmpty();
    KeyvetSyntax.Parsed<Ast.Query> q = KeyvetSyntax.parseQuery(question);
    assertThat(q.diagnostics()).isEmpty();
    return new Simulator(world).can(q.value());
  }

  @Test
  void asymmetricEncryption_needsAFittingAlgorithm() {
    assertThat(ask("can role Ops Encrypt on key rsa").failure())
        .startsWith("ValidationException:")
        .contains("kms:EncryptionAlgorithm = RSAES_OAEP_SHA_256");
    assertThat(
            ask("can role Ops Encrypt on key rsa with kms:EncryptionAlgorithm = SYMMETRIC_DEFAULT")
                .outcome())
        .isEqualTo(Outcome.FAILS);
    assertThat(
            ask("can role Ops Decrypt on key rsa with kms:EncryptionAlgorithm = RSAES_OAEP_SHA_256")
                .outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(
            ask("can role Ops Encrypt on key plain with kms:EncryptionAlgorithm = RSAES_OAEP_SHA_1")
                .outcome())
        .isEqualTo(Outcome.FAILS);
    assertThat(ask("can role Ops Encrypt on key plain").outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void signingAndMacs_needTheirAlgorithms() {
    assertThat(ask("can role Ops Sign on key signer").outcome()).isEqualTo(Outcome.FAILS);
    assertThat(
            ask("can role Ops Sign on key signer with kms:SigningAlgorithm = RSASSA_PSS_SHA_256")
                .outcome())
        .isEqualTo(Outcome.FAILS);
    assertThat(
            ask("can role Ops Sign on key signer with kms:SigningAlgorithm = ECDSA_SHA_256")
                .outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(
            ask("can role Ops GenerateMac on key mac with kms:MacAlgorithm = HMAC_SHA_512")
                .outcome())
        .isEqualTo(Outcome.FAILS);
    assertThat(
            ask("can role Ops GenerateMac on key mac with kms:MacAlgorithm = HMAC_SHA_256")
                .outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @Test
  void importedMaterial_rotatesOnDemandButNotAutomatically() {
    assertThat(ask("can role Ops RotateKeyOnDemand on key byok").outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(ask("can role Ops EnableKeyRotation on key byok").failure())
        .contains("cannot rotate automatically");
    assertThat(ask("can role Ops RotateKeyOnDemand on key rsa").outcome()).isEqualTo(Outcome.FAILS);
    assertThat(ask("can role Ops ImportKeyMaterial on key plain").outcome())
        .isEqualTo(Outcome.FAILS);
    assertThat(ask("can role Ops ImportKeyMaterial on key byok").outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @Test
  void replication_isForMultiRegionPrimariesOnly() {
    assertThat(ask("can role Ops ReplicateKey on key plain").failure())
        .contains("single-Region key");
    assertThat(ask("can role Ops ReplicateKey on key global in eu-west-1").failure())
        .contains("on the primary key in us-east-1");
    assertThat(ask("can role Ops ReplicateKey on key global").outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void replicaPolicy_appliesInTheReplicaRegionOnly() {
    Answer replica = ask("can role Ops Encrypt on key global in eu-west-1");
    assertThat(replica.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(replica.key())
        .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");
    assertThat(ask("can role Ops Decrypt on key global in eu-west-1").outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(ask("can role Ops Encrypt on key global").outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(ask("can role Ops Decrypt on key global in ap-south-1").outcome())
        .isEqualTo(Outcome.FAILS);
  }

  @Test
  void awsManagedKeys_refuseChangesWhateverThePolicy() {
    assertThat(ask("can role Ops PutKeyPolicy on key alias/aws/ebs").failure())
        .contains("AWS managed key");
    assertThat(ask("can account 111122223333 ScheduleKeyDeletion on key managed").outcome())
        .isEqualTo(Outcome.FAILS);
    assertThat(ask("can role Ops Decrypt on key managed").outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aliases_areUniquePerRegion() {
    assertThat(ask("can role Ops Decrypt on alias/backups in eu-west-1").key())
        .startsWith("arn:aws:kms:eu-west-1:");
    Answer both = ask("can role Ops Decrypt on alias/backups");
    assertThat(both.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(both.problems().get(0).message())
        .contains("names more than one key")
        .contains("add `in REGION`");
  }

  @Test
  void via_setsGrantIsForAwsResourceForGrantActions() {
    assertThat(ask("can role Ops CreateGrant on key grants").outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(ask("can role Ops CreateGrant on key grants via ec2").outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(
            ask("can role Ops CreateGrant on key grants via ec2 with kms:GrantIsForAWSResource = false")
                .outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void expectFails_matchesOnlyRejections() {
    assertThat(Suites.matches(Ast.Outcome.FAILS, Outcome.FAILS)).isTrue();
    assertThat(Suites.matches(Ast.Outcome.FAILS, Outcome.IMPLICIT_DENY)).isFalse();
    assertThat(Suites.matches(Ast.Outcome.DENY, Outcome.FAILS)).isFalse();
    assertThat(Suites.matches(Ast.Outcome.DENY, Outcome.EXPLICIT_DENY)).isTrue();
    assertThat(Suites.matches(Ast.Outcome.IMPLICIT_DENY, Outcome.EXPLICIT_DENY)).isFalse();
  }
}
