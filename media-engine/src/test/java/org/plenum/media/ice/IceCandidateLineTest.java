package org.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class IceCandidateLineTest {

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void hostUdpCandidateHasTheHighestHostPriority() throws Exception {
        IceCandidateLine c = IceCandidateLine.hostUdp(at("127.0.0.1", 10000));

        assertThat(c.priority()).isEqualTo(2130706431L); // 126 << 24 | 65535 << 8 | 255
        assertThat(c.toString()).matches("candidate:\\d+ 1 udp 2130706431 127\\.0\\.0\\.1 10000 typ host");
    }

    @Test
    void passiveTcpCandidateRanksBelowUdp() throws Exception {
        IceCandidateLine tcp = IceCandidateLine.hostTcpPassive(at("127.0.0.1", 4443));

        // local preference 2^13 * 4 (passive) + 8191 = 40959
        assertThat(tcp.priority()).isEqualTo((126L << 24) + (40959L << 8) + 255);
        assertThat(tcp.priority()).isLessThan(IceCandidateLine.hostUdp(at("127.0.0.1", 10000)).priority());
        assertThat(tcp.toString())
                .matches("candidate:\\d+ 1 tcp 2124414975 127\\.0\\.0\\.1 4443 typ host tcptype passive");
    }

    @Test
    void foundationDependsOnProtocolAndAddressOnly() throws Exception {
        String udpA = IceCandidateLine.hostUdp(at("192.0.2.1", 10000)).foundation();
        assertThat(IceCandidateLine.hostUdp(at("192.0.2.1", 10001)).foundation()).isEqualTo(udpA);
        assertThat(IceCandidateLine.hostUdp(at("192.0.2.2", 10000)).foundation()).isNotEqualTo(udpA);
        assertThat(IceCandidateLine.hostTcpPassive(at("192.0.2.1", 10000)).foundation()).isNotEqualTo(udpA);
        assertThat(udpA).matches("[0-9]{1,32}");
    }

    @Test
    void ipv6AddressLosesItsScopeAndIsLowerCase() throws Exception {
        IceCandidateLine c = IceCandidateLine.hostUdp(at("2001:DB8::1", 10000));
        assertThat(c.toString()).contains(" 2001:db8:0:0:0:0:0:1 10000 typ host");
    }

    @Test
    void secondAddressGetsALowerPriorityWhenAsked() throws Exception {
        assertThat(IceCandidateLine.hostUdp(at("192.0.2.1", 1), 65534).priority())
                .isEqualTo(2130706431L - 256);
    }

    @Test
    void wildcardUnresolvedAndPortZeroAreRefused() {
        assertThatThrownBy(() -> IceCandidateLine.hostUdp(at("0.0.0.0", 10000))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidateLine.hostUdp(InetSocketAddress.createUnresolved("media.example", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidateLine.hostTcpPassive(at("127.0.0.1", 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidateLine.hostTcpPassive(at("127.0.0.1", 1), 8192)).isInstanceOf(IllegalArgumentException.class);
    }
}
