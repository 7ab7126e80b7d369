package dev.keyvet.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys match in any case; a context laid over another reads as one flat context. */
class RequestContextTest {
  private final RequestContext base =
      RequestContext.builder()
          .put("aws:PrincipalArn", "arn:aws:iam::111122223333:role/App")
          .put("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
          .put("aws:SourceIp", List.of("10.0.0.1"))
          .build();

  @Test
  void keys_matchInAnyCase_andKeepTheirWrittenForm() {
    assertThat(base.value("AWS:principalarn")).isEqualTo("arn:aws:iam::111122223333:role/App");
    assertThat(base.entry("aws:sourceip").key()).isEqualTo("aws:SourceIp");
    assertThat(base.entry("aws:sourceip").list()).isTrue();
    assertThat(base.value("aws:SourceIp")).isEqualTo("10.0.0.1");
    assertThat(base.has("kms:ViaService")).isFalse();
  }

  @Test
  void over_readsTheBaseAndReplacesWhatItPuts() {
    RequestContext.Builder b = RequestContext.over(base);
    b.put("kms:EncryptionAlgorithm", "RSAES_OAEP_SHA_256");
    b.putIfAbsent("aws:PrincipalArn", "ignored");
    b.putIfAbsent("kms:EncryptionContext:tenant", "orders");
    assertThat(b.has("AWS:PRINCIPALARN")).isTrue();
    RequestContext layered = b.build();

    assertThat(layered.value("kms:encryptionalgorithm")).isEqualTo("RSAES_OAEP_SHA_256");
    assertThat(layered.value("aws:PrincipalArn")).isEqualTo("arn:aws:iam::111122223333:role/App");
    assertThat(layered.value("kms:EncryptionContext:tenant")).isEqualTo("orders");
    assertThat(layered.entries())
        .extracting(RequestContext.Entry::key)
        .containsExactly(
            "aws:PrincipalArn",
            "kms:EncryptionAlgorithm",
            "aws:SourceIp",
            "kms:EncryptionContext:tenant");
    assertThat(base.value("kms:EncryptionAlgorithm")).isEqualTo("SYMMETRIC_DEFAULT");
  }

  @Test
  void layered_equalsTheSameEntriesBuiltFlat() {
    RequestContext layered = RequestContext.over(base).put("aws:SourceVpce", "vpce-1").build();
    RequestContext flat = base.toBuilder().put("aws:SourceVpce", "vpce-1").build();
    assertThat(layered).isEqualTo(flat).hasSameHashCodeAs(flat);
    assertThat(layered.toString()).isEqualTo(flat.toString());
    assertThat(layered).isNotEqualTo(base);
  }

  @Test
  void layered_canBeLayeredAndCopiedAgain() {
    RequestContext once = RequestContext.over(base).put("a:One", "1").build();
    RequestContext twice = RequestContext.over(once).put("a:Two", "2").build();
    assertThat(twice.value("a:One")).isEqualTo("1");
    assertThat(twice.value("aws:PrincipalArn")).isEqualTo("arn:aws:iam::111122223333:role/App");
    RequestContext copy = twice.toBuilder().put("a:One", "changed").build();
    assertThat(copy.value("a:One")).isEqualTo("changed");
    assertThat(twice.value("a:One")).isEqualTo("1");
    assertThat(RequestContext.over(base).build()).isSameAs(base);
  }
}
