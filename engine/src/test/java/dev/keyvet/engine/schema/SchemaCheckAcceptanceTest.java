package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link SchemaCheck} accepts without a finding: every form AWS accepts, documents whose
 * duplicate members the reader resolves, and text that is not JSON (left to the reader).
 */
class SchemaCheckAcceptanceTest {
  private static final SchemaCheck CHECK = new SchemaCheck();

  private static final String USE =
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Sid\": \"Use\", \"Effect\": \"Allow\","
          + " \"Principal\": \"*\", \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"%s}}";

  @Test
  void check_conformingPolicy_reportsNothing() {
    assertThat(CHECK.check("p.json", USE.formatted(""))).isEmpty();
  }

  @Test
  void check_everyFormAwsAccepts_reportsNothing() {
    String policy =
        """
        {"Id": "every form", "Statement": [
          {"Sid": "a", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt",
           "Resource": "*"},
          {"Effect": "Deny", "NotPrincipal": {"AWS": ["111122223333",
             "arn:aws:iam::111122223333:role/Admin"], "Service": "logs.amazonaws.com",
             "Federated": ["cognito-identity.amazonaws.com"], "CanonicalUser": "79a59df900b949e5"},
           "NotAction": ["kms:Encrypt", "kms:Re*"], "NotResource": ["arn:aws:kms:*:*:key/*"],
           "Condition": {
             "StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": [
               "ec2.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"]},
             "ForAllValues:StringLikeIfExists": {"kms:EncryptionContextKeys": ["app*"]},
             "ForAnyValue:ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/X"},
             "NumericLessThanEquals": {"kms:ScheduleKeyDeletionPendingWindowInDays": 7},
             "Bool": {"kms:GrantIsForAWSResource": true, "aws:SecureTransport": [false]},
             "Null": {"kms:BypassPolicyLockoutSafetyCheck": "true"},
             "NotIpAddressIfExists": {"aws:SourceIp": ["203.0.113.0/24", 1.5]}}}
        ]}
        """;

    assertThat(CHECK.check("forms.json", policy)).isEmpty();
    assertThat(
            CHECK.check(
                "old.json", policy.replace("{\"Id\"", "{\"Version\": \"2008-10-17\", \"Id\"")))
        .isEmpty();
  }

  @Test
  void check_duplicateMember_keepsTheFirstAsTheReaderDoes() {
    assertThat(CHECK.check("p.json", USE.formatted(", \"Effect\": \"Maybe\""))).isEmpty();
    assertThat(CHECK.check("p.json", USE.formatted(", \"effect\": \"Deny\""))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "{\"Statement\": [],}",
        "{} {}",
        "// comment\n{}",
        "{\"Statement\": \"x\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
      })
  void check_textTheReaderCannotParse_reportsNothing(String text) {
    assertThat(CHECK.check("bad.json", text)).isEmpty();
  }
}
