package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ASCII test reads words and a tail; a high bit anywhere must be seen. */
class AsciiTextTest {

  @Test
  void isPlain_findsAHighBitAtEveryPositionOfEveryLength() {
    for (int length = 0; length <= 80; length++) {
      byte[] bytes = new byte[length];
      Arrays.fill(bytes, (byte) 'a');
      assertThat(AsciiText.isPlain(bytes)).as("length %d", length).isTrue();
      for (int at = 0; at < length; at++) {
        for (byte high : new byte[] {(byte) 0x80, (byte) 0xC3, (byte) 0xFF}) {
          bytes[at] = high;
          assertThat(AsciiText.isPlain(bytes)).as("length %d, byte %d", length, at).isFalse();
          bytes[at] = 'a';
        }
      }
    }
  }

  @Test
  void isPlain_acceptsEveryAsciiByte() {
    byte[] bytes = new byte[128];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    assertThat(AsciiText.isPlain(bytes)).isTrue();
  }
}
