package dev.keyvet.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.diag.SourceSpan;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ARNs, IP ranges, IAM dates and condition operator names. */
class ModelValuesTest {

  @Test
  void parse_keyArn_splitsSixParts() {
    Arn a = Arn.parse("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab");
    assertThat(a.partition()).isEqualTo("aws");
    assertThat(a.service()).isEqualTo("kms");
    assertThat(a.region()).isEqualTo("us-east-1");
    assertThat(a.account()).isEqualTo("111122223333");
    assertThat(a.resourceType()).isEqualTo("key");
    assertThat(a.resourceId()).isEqualTo("1234abcd-12ab");
    assertThat(a.isKmsKey()).isTrue();
    assertThat(a.isKmsAlias()).isFalse();
  }

  @Test
  void parse_resourceWithColons_keepsThemInTheResource() {
    Arn a = Arn.parse("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:my:group");
    assertThat(a.resource()).isEqualTo("log-group:my:group");
    assertThat(a.resourceType()).isEqualTo("log-group");
    assertThat(a.resourceId()).isEqualTo("my:group");
  }

  @Test
  void parse_aliasArnInChina_isAlias() {
    Arn a = Arn.parse("arn:aws-cn:kms:cn-north-1:111122223333:alias/app");
    assertThat(a.isKmsAlias()).isTrue();
    assertThat(a.resourceId()).isEqualTo("app");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "arn:aws:iam::111122223333 | six colon-separated parts",
        "urn:aws:iam::111122223333:root | six colon-separated parts",
        "arn:aws-iso:iam::111122223333:root | unknown partition `aws-iso`",
        "arn:aws::us-east-1:111122223333:x | service part",
        "arn:aws:iam::1111222233:root | not a 12-digit account ID",
        "arn:aws:iam::111122223333: | resource part",
        "arn:aws:iam::111122223333:role/* | contains a wildcard"
      })
  void parse_malformedArn_explains(String text, String expected) {
    assertThatThrownBy(() -> Arn.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected);
    assertThat(Arn.tryParse(text)).isEmpty();
  }

  @Test
  void parsePattern_allowsWildcardsInAccountAndRegion() {
    Arn a = Arn.parsePattern("arn:aws:kms:*:11112222333?:key/*");
    assertThat(a.region()).isEqualTo("*");
    assertThat(a.account()).isEqualTo("11112222333?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"111122223333", "000000000000"})
  void isAccountId_twelveDigits_isTrue(String s) {
    assertThat(Arn.isAccountId(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"11112222333", "1111222233334", "11112222333a", ""})
  void isAccountId_otherwise_isFalse(String s) {
    assertThat(Arn.isAccountId(s)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "203.0.113.0/24, 203.0.113.7, true",
    "203.0.113.0/24, 203.0.114.7, false",
    "203.0.113.5, 203.0.113.5, true",
    "203.0.113.5, 203.0.113.6, false",
    "0.0.0.0/0, 198.51.100.1, true",
    "203.0.113.0/24, 203.0.113.0/25, true",
    "203.0.113.0/25, 203.0.113.0/24, false",
    "2001:DB8::/32, 2001:db8:1234::1, true",
    "2001:DB8::/32, 2001:db9::1, false",
    "2001:db8::1, 2001:db8::1, true",
    "::/0, 2001:db8::1, true",
    "2001:db8:0:0:0:0:0:0/64, 2001:db8::ffff, true",
    "2001:db8::/127, 2001:db8::1, true",
    "2001:db8::/127, 2001:db8::2, false",
    "203.0.113.0/24, 2001:db8::1, false"
  })
  void contains_address_followsCidrArithmetic(String range, String address, boolean expected) {
    IpRange r = IpRange.parse(range).orElseThrow();
    IpRange a = IpRange.parse(address).orElseThrow();
    assertThat(r.contains(a)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.300", "10.0.0", "10.0.0.0/33", "10..0.1", "2001:db8:::1", "2001:db8::/129",
        "12345::1", "1:2:3:4:5:6:7:8:9", "x", "", "10.0.0.1/", "10.0.0.1/abc"
      })
  void parse_malformedRange_isEmpty(String text) {
    assertThat(IpRange.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2026, 2026-01-01T00:00:00Z",
    "2026-03, 2026-03-01T00:00:00Z",
    "2026-03-15, 2026-03-15T00:00:00Z",
    "2026-03-15T10:20Z, 2026-03-15T10:20:00Z",
    "2026-03-15T10:20:30Z, 2026-03-15T10:20:30Z",
    "2026-03-15T10:20:30.5+02:00, 2026-03-15T08:20:30.5Z",
    "1767225600, 2026-01-01T00:00:00Z",
    "0, 1970-01-01T00:00:00Z"
  })
  void parse_iamDate_givesInstant(String text, String expected) {
    assertThat(IamDates.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "31/12/2026",
        "2026-13-01",
        "2026-02-30",
        "2026-03-15T10:20",
        "2026-03-15 10:20Z",
        "soon",
        ""
      })
  void parse_notAnIamDate_isEmpty(String text) {
    assertThat(IamDates.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "StringEquals, NONE, STRING_EQUALS, false",
    "StringLikeIfExists, NONE, STRING_LIKE, true",
    "ForAllValues:StringEquals, FOR_ALL_VALUES, STRING_EQUALS, false",
    "ForAnyValue:ArnNotLikeIfExists, FOR_ANY_VALUE, ARN_NOT_LIKE, true",
    "Null, NONE, NULL, false",
    "NotIpAddress, NONE, NOT_IP_ADDRESS, false"
  })
  void parse_knownOperator_splitsQualifierBaseAndSuffix(
      String text, SetQualifier q, OperatorBase base, boolean ifExists) {
    ConditionOperator op = ConditionOperator.parse(text, SourceSpan.NONE);
    assertThat(op.qualifier()).isEqualTo(q);
    assertThat(op.base()).isEqualTo(base);
    assertThat(op.ifExists()).isEqualTo(ifExists);
    assertThat(op.isKnown()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "StringEqual",
        "stringequals",
        "NullIfExists",
        "ForAllValues:Null",
        "IfExists",
        "ForAllValues:ForAnyValue:StringEquals",
        "ForAnyValues:StringEquals",
        "StringEqualsIfexists",
        ""
      })
  void parse_unknownOperator_hasNoBase(String text) {
    assertThat(ConditionOperator.parse(text, SourceSpan.NONE).isKnown()).isFalse();
  }

  @Test
  void operatorBase_negatedAndLikeFlags_matchIamSemantics() {
    assertThat(OperatorBase.STRING_NOT_LIKE.negated()).isTrue();
    assertThat(OperatorBase.STRING_NOT_LIKE.isLike()).isTrue();
    assertThat(OperatorBase.NOT_IP_ADDRESS.negated()).isTrue();
    assertThat(OperatorBase.ARN_EQUALS.isLike()).isTrue();
    assertThat(OperatorBase.STRING_EQUALS.isLike()).isFalse();
    assertThat(OperatorBase.DATE_NOT_EQUALS.negated()).isTrue();
    assertThat(OperatorBase.NUMERIC_LESS_THAN.negated()).isFalse();
    assertThat(OperatorBase.names()).hasSize(OperatorBase.values().length).contains("BinaryEquals");
  }

  @Test
  void template_literalValue_joinsLiteralsAndEscapes() {
    Template t =
        new Template(
            "a${*}b",
            java.util.List.of(
                new Template.Literal("a"), new Template.Escaped('*'), new Template.Literal("b")),
            SourceSpan.NONE);
    assertThat(t.hasVariables()).isFalse();
    assertThat(t.literalValue()).isEqualTo("a*b");
    Template v =
        new Template(
            "${aws:username}",
            java.util.List.of(new Template.Variable("aws:username", null)),
            SourceSpan.NONE);
    assertThat(v.hasVariables()).isTrue();
    assertThat(v.literalValue()).isNull();
  }
}
