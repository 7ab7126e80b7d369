package dev.keyvet.engine.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import dev.keyvet.engine.testing.Corpus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The security (KP2xx), best-practice (KP3xx) and hygiene (KP4xx) findings the corpus README
 * ({@code shared/corpus/README.md}) lists for each file, read as it says: error and security
 * findings exhaustively (no other code of those severities may appear); warnings and suggestions
 * where listed (they must appear, others may); files it calls clean, or whose list it closes with
 * "only" or "otherwise clean", exhaustively at every severity.
 */
class CorpusFindingsTest {

  /**
   * What the README expects of one file.
   *
   * @param file the corpus file
   * @param severe every error and security code, exactly
   * @param listed warning and suggestion codes that must appear
   * @param exhaustive true when no other code of any severity may appear
   * @param config the configuration the README prescribes for the file
   */
  record Expected(
      String file, Set<String> severe, Set<String> listed, boolean exhaustive, LintConfig config) {
    @Override
    public String toString() {
      return file;
    }
  }

  private static Expected expect(String file, String severe, String listed) {
    return new Expected(file, codes(severe), codes(listed), false, LintConfig.DEFAULT);
  }

  private static Expected exactly(String file, String all) {
    Set<String> codes = codes(all);
    return new Expected(file, Set.of(), codes, true, LintConfig.DEFAULT);
  }

  private static Set<String> codes(String list) {
    return list.isBlank()
        ? Set.of()
        : Arrays.stream(list.split(" ")).collect(Collectors.toCollection(TreeSet::new));
  }

  static Stream<Expected> expectations() {
    return Stream.of(
        expect(
            "aws-docs-access-analyzer-admin-role-only.json",
            "KP207",
            "KP209 KP212 KP211 KP214 KP301"),
        expect("aws-docs-bypass-lockout-null-guard.json", "", "KP306"),
        expect("aws-docs-cloudtrail-encrypt-statement-only.json", "KP210", "KP212"),
        expect("aws-docs-console-default-key-policy-hmac.json", "KP207", "KP209 KP215"),
        expect("aws-docs-console-default-key-policy-sign-verify.json", "KP207", "KP209 KP215"),
        expect("aws-docs-console-default-key-policy.json", "KP207 KP203", "KP209 KP215 KP218"),
        expect("aws-docs-cross-account-key-policy.json", "KP203", "KP218"),
        exactly("aws-docs-default-key-policy-programmatic.json", ""),
        expect("aws-docs-hmac-mac-algorithm-conditions.json", "KP210", "KP401 KP212 KP306"),
        expect("aws-docs-key-origin-condition-example.json", "KP210", "KP212 KP306"),
        new Expected(
            "aws-docs-policy-evaluation-cross-account.json",
            codes("KP203"),
            codes("KP218"),
            true,
            LintConfig.builder().keyAccount("444455556666").trustAccount("444455556666").build()),
        exactly("aws-docs-tag-permissions-key-policy.json", ""),
        expect("aws-docs-vpc-endpoint-deny.json", "", "KP217"),
        exactly("aws-docs-vpc-endpoint-trailing-comma.json", ""),
        expect("aws-docs-workmail-aws-managed-key-policy.json", "KP210", ""),
        expect("aws-managed-ebs-key-policy.json", "KP210", ""),
        exactly("cdk-default-key-policy.json", "KP306"),
        expect("cdk-integ-key-with-cfn-intrinsics.json", "", "KP306"),
        expect("cdk-v1-legacy-default-key-policy.json", "", "KP215 KP306 KP401"),
        expect("cloudtrail-default-trail-key-policy.json", "KP210 KP213", "KP212 KP214"),
        exactly("cloudtrail-lake-eds-default-key-policy-doc-bug.json", ""),
        expect("cloudwatch-logs-key-policy-log-group.json", "", "KP306"),
        expect("issue-cfn-nag-335-public-principal-star.json", "KP201 KP207 KP208", "KP209 KP306"),
        expect("issue-cfn-nag-557-principal-star-calleraccount-viaservice.json", "KP210", "KP212"),
        expect("karpenter-docs-ebs-policy-markdown-mangled.json", "", ""),
        expect("kics-cfn-signing-key-enable-iam-aws-star.json", "KP201 KP207 KP208", "KP209"),
        expect("kics-terraform-kms-vulnerable-policy-positive.json", "KP201 KP207 KP208", "KP209"),
        expect(
            "terraform-provider-aws-asymmetric-sign-verify-example.json", "KP207", "KP215 KP209"),
        expect("terraform-provider-aws-hmac-example.json", "KP207", "KP215 KP209"),
        expect("terraform-provider-aws-symmetric-key-example.json", "KP207", "KP215 KP209"),
        expect("tf-multi-account-roots-kms-star.json", "KP204 KP203", "KP218 KP306"),
        expect("tf-org-wide-principal-star-no-admin.json", "KP210 KP203", "KP212 KP218"),
        expect("tf-template-ec2-service-principal-unconditioned.json", "KP213", ""),
        expect(
            "tf-template-ec2-service-principal-viaservice.json",
            "KP207 KP213",
            "KP209 KP212 KP211 KP214 KP301 KP406"),
        expect("tf-template-role-creategrant-unconditioned.json", "KP207", "KP301"),
        exactly("tf-template-root-only.json", ""),
        expect("tf-template-s3-service-principal-unconditioned.json", "KP213", "KP306"),
        expect(
            "tf-template-single-admin-user-no-root.json", "KP207", "KP209 KP211 KP212 KP214 KP301"),
        expect("tf-template-statement-missing-resource.json", "KP207", "KP209 KP301 KP215"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void corpusFile_hasTheFindingsTheReadmeLists(Expected e) {
    LintResult r = LintTesting.lintCorpus(e.file(), e.config());
    List<Finding> inScope =
        r.findings().stream().filter(f -> inScope(f.diagnostic().code().id())).toList();
    Set<String> severe =
        inScope.stream()
            .filter(f -> f.diagnostic().severity().atLeast(Severity.SECURITY))
            .map(f -> f.diagnostic().code().id())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> all =
        inScope.stream()
            .map(f -> f.diagnostic().code().id())
            .collect(Collectors.toCollection(TreeSet::new));
    if (e.exhaustive()) {
      Set<String> expected = new TreeSet<>(e.severe());
      expected.addAll(e.listed());
      assertThat(all).as("every finding in %s", inScope).isEqualTo(expected);
    } else {
      assertThat(severe).as("error and security findings in %s", inScope).isEqualTo(e.severe());
      assertThat(all).as("findings in %s", inScope).containsAll(e.listed());
    }
  }

  @Test
  void expectations_coverEveryCorpusFile() {
    Set<String> covered =
        expectations().map(Expected::file).collect(Collectors.toCollection(TreeSet::new));
    Set<String> files =
        Corpus.files().stream()
            .map(Path::getFileName)
            .map(Path::toString)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(covered).isEqualTo(files);
  }

  private static boolean inScope(String id) {
    return id.startsWith("KP2") || id.startsWith("KP3") || id.startsWith("KP4");
  }
}
