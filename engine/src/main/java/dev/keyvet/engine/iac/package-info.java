/**
 * Key policies embedded in infrastructure as code: {@link dev.keyvet.engine.iac.IacReader} tells a
 * file's kind and reads CloudFormation templates (JSON and YAML, short-form intrinsics included)
 * and Terraform configurations (HCL native syntax through {@code HclParser}, and JSON syntax) into
 * {@link dev.keyvet.engine.iac.EmbeddedPolicy EmbeddedPolicies}: each key's settings and its policy
 * laid out as JSON at its own lines in the file, so that the policy reader's spans point into the
 * file. Terraform {@code aws_iam_policy_document} data sources are evaluated into policies.
 */
package dev.keyvet.engine.iac;
