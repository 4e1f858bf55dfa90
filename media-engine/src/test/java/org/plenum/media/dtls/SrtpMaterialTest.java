package org.plenum.media.dtls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtpMaterialTest {

    @Test
    void lengthMustMatchTheProfile() {
        assertThat(new SrtpMaterial(0x0007, new byte[56]).keyingMaterial()).hasSize(56);
        assertThat(new SrtpMaterial(0x0001, new byte[60]).keyingMaterial()).hasSize(60);
        assertThatThrownBy(() -> new SrtpMaterial(0x0007, new byte[60])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("56");
        assertThatThrownBy(() -> new SrtpMaterial(0x0008, new byte[88])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtpMaterial(0x0001, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysCannotBeChangedFromOutsideAndAreNeverPrinted() {
        byte[] keys = new byte[56];
        keys[0] = 42;
        SrtpMaterial material = new SrtpMaterial(0x0007, keys);
        keys[0] = 0;
        material.keyingMaterial()[0] = 0;

        assertThat(material.keyingMaterial()[0]).isEqualTo((byte) 42);
        assertThat(material.toString()).isEqualTo("SrtpMaterial[profileId=0x0007, keyingMaterial=56 bytes]");
        assertThat(material).isEqualTo(new SrtpMaterial(0x0007, material.keyingMaterial()))
                .hasSameHashCodeAs(new SrtpMaterial(0x0007, material.keyingMaterial()));
    }
}
