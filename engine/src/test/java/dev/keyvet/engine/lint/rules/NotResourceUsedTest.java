package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class NotResourceUsedTest {

  @Test
  void kp108_notResourceInAllowAndDeny_isFlaggedOncePerStatement_resourceIsNot() {
    LintResult r =
        LintTesting.lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "Nothing", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt",
                 "NotResource": ["*", "arn:aws:kms:us-east-1:111122223333:key/other"]},
                {"Sid": "Guard", "Effect": "Deny", "Principal": {"AWS": "*"},
                 "Action": "kms:Decrypt",
                 "NotResource": "arn:aws:kms:us-east-1:111122223333:key/other"}
              ]
            }
            """,
            LintConfig.DEFAULT);
    assertThat(at(r, "KP108")).containsExactly("KP108@8", "KP108@11");
  }
}
