package org.plenum.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunMessageBuilderTest {

    private static final byte[] KEY = "0123456789abcdefghijkl".getBytes(StandardCharsets.UTF_8);

    @Test
    void iceCheckRoundTripsEveryAttribute() throws Exception {
        byte[] b = StunMessageBuilder.request(StunMessage.BINDING)
                .username("local:remote")
                .priority(0xFFFFFFFFL)
                .iceControlling(-2L)
                .useCandidate()
                .messageIntegrity(KEY)
                .fingerprint()
                .encode();

        StunMessage m = StunMessage.parse(b, 0, b.length);
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.username()).contains("local:remote");
        assertThat(m.priority()).hasValue(0xFFFFFFFFL);
        assertThat(m.iceControlling()).hasValue(-2L);
        assertThat(m.useCandidate()).isTrue();
        assertThat(m.verifyIntegrity(KEY)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void errorResponseCarriesCodeReasonAndUnknownAttributes() throws Exception {
        byte[] req = StunMessageBuilder.request(StunMessage.BINDING).encode();
        StunMessage request = StunMessage.parse(req, 0, req.length);

        byte[] b = StunMessageBuilder.errorResponse(request, 420, "Unknown Attribute")
                .unknownAttributes(List.of(0x7777))
                .fingerprint()
                .encode();

        StunMessage m = StunMessage.parse(b, 0, b.length);
        assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(m.method()).isEqualTo(StunMessage.BINDING);
        assertThat(m.transactionId()).isEqualTo(request.transactionId());
        assertThat(m.errorCode()).contains(new StunErrorCode(420, "Unknown Attribute"));
        assertThat(m.attribute(StunAttribute.UNKNOWN_ATTRIBUTES)).hasValueSatisfying(
                v -> assertThat(v).containsExactly(0x77, 0x77));
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void messageTypeInterleavesMethodAndClassBits() {
        for (StunClass c : StunClass.values()) {
            for (int method : new int[] {0x001, 0x003, 0x00A, 0xFFF, 0x5A5}) {
                int type = StunMessage.messageType(method, c);
                assertThat(type & 0xC000).isZero();
                assertThat(StunMessage.methodOf(type)).isEqualTo(method);
            }
        }
        assertThat(StunMessage.messageType(StunMessage.BINDING, StunClass.SUCCESS_RESPONSE)).isEqualTo(0x0101);
        assertThat(StunMessage.messageType(StunMessage.BINDING, StunClass.ERROR_RESPONSE)).isEqualTo(0x0111);
        assertThat(StunMessage.messageType(StunMessage.BINDING, StunClass.INDICATION)).isEqualTo(0x0011);
    }

    @Test
    void xorMappedAddressRoundTripsForBothFamilies() throws Exception {
        for (String ip : new String[] {"127.0.0.1", "203.0.113.200", "::1", "fe80::1:2:3:4"}) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), 65535);
            byte[] b = StunMessageBuilder.request(StunMessage.BINDING).xorMappedAddress(address).encode();
            assertThat(StunMessage.parse(b, 0, b.length).xorMappedAddress()).contains(address);
        }
    }

    @Test
    void unknownComprehensionRequiredAttributesAreReported() throws Exception {
        byte[] b = StunMessageBuilder.request(StunMessage.BINDING)
                .attribute(0x7001, new byte[] {1})
                .attribute(0xC057, new byte[] {0, 1, 0, 2}) // comprehension-optional: fine
                .username("a:b")
                .encode();
        assertThat(StunMessage.parse(b, 0, b.length).unknownComprehensionRequired()).containsExactly(0x7001);
    }
}
