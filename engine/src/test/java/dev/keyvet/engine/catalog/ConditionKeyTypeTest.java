package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConditionKeyTypeTest {

  @Test
  void fromJson_roundTripsEveryType() {
    for (ConditionKeyType t : ConditionKeyType.values()) {
      assertThat(ConditionKeyType.fromJson(t.jsonName())).isSameAs(t);
    }
    assertThat(ConditionKeyType.fromJson("IPAddress")).isEqualTo(ConditionKeyType.IP_ADDRESS);
    assertThat(ConditionKeyType.fromJson("ArrayOfString"))
        .isEqualTo(ConditionKeyType.ARRAY_OF_STRING);
  }

  @Test
  void fromJson_unknownOrWrongCase_fails() {
    assertThatThrownBy(() -> ConditionKeyType.fromJson("string"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown condition key type `string`");
  }

  @Test
  void isMultiValued_onlyForArrayOfString() {
    for (ConditionKeyType t : ConditionKeyType.values()) {
      assertThat(t.isMultiValued()).as(t.name()).isEqualTo(t == ConditionKeyType.ARRAY_OF_STRING);
    }
  }

  @Test
  void resourceKind_andSource_roundTrip() {
    for (ResourceKind k : ResourceKind.values()) {
      assertThat(ResourceKind.fromJson(k.jsonName())).isSameAs(k);
    }
    assertThat(ResourceKind.fromJson("alias+key").hasKey()).isTrue();
    assertThat(ResourceKind.NONE.hasKey()).isFalse();
    for (ConditionKeySource s : ConditionKeySource.values()) {
      assertThat(ConditionKeySource.fromJson(s.jsonName())).isSameAs(s);
    }
    assertThatThrownBy(() -> ConditionKeySource.fromJson("Request"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolvedKey_requiresSuffixExactlyForPrefixKeys() {
    ConditionKeyDef tag = KmsCatalog.get().conditionKey("aws:PrincipalTag/x").orElseThrow().def();
    assertThatThrownBy(() -> new ResolvedConditionKey(tag, ""))
        .isInstanceOf(IllegalArgumentException.class);
    ConditionKeyDef ip = KmsCatalog.get().conditionKey("aws:SourceIp").orElseThrow().def();
    assertThatThrownBy(() -> new ResolvedConditionKey(ip, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
