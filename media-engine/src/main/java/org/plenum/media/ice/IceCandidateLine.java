package org.plenum.media.ice;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One host candidate of ours, as the value of an SDP {@code a=candidate} attribute (RFC 8839 §5.1):
 *
 * <pre>{@code
 * IceCandidateLine.hostUdp(new InetSocketAddress("192.0.2.10", 10000)).toString()
 *   // candidate:<foundation> 1 udp 2130706431 192.0.2.10 10000 typ host
 * IceCandidateLine.hostTcpPassive(new InetSocketAddress("192.0.2.10", 4443)).toString()
 *   // candidate:<foundation> 1 tcp 2124414975 192.0.2.10 4443 typ host tcptype passive
 * }</pre>
 *
 * Priorities follow RFC 8445 §5.1.2.1 ({@code 2^24 * type pref + 2^8 * local pref + 256 - component})
 * with the host type preference 126. UDP uses local preference 65535 by default. Passive TCP uses
 * RFC 6544 §4.2's local preference {@code 2^13 * direction pref + other pref} with direction preference 4
 * (host, passive), so every TCP candidate ranks below the UDP one and browsers use TCP only when UDP fails.
 *
 * <p>The foundation is derived from (type, protocol, address) so that it is the same for equal candidates
 * across restarts and different otherwise (RFC 8445 §5.1.1.3). Only RTP component 1 is used: rtcp-mux.
 *
 * @param foundation the foundation (1..32 ice-chars)
 * @param component  the component id, always 1
 * @param transport  "udp" or "tcp"
 * @param priority   the candidate priority, unsigned 32-bit
 * @param address    the advertised address and port
 * @param tcpType    "passive" for TCP candidates, {@code null} for UDP
 */
public record IceCandidateLine(String foundation, int component, String transport, long priority,
                               InetSocketAddress address, String tcpType) {

    public static final int HOST_TYPE_PREFERENCE = 126;
    public static final int COMPONENT_RTP = 1;
    /** RFC 6544 §4.2: direction preference of a passive host candidate. */
    static final int PASSIVE_DIRECTION_PREFERENCE = 4;

    public IceCandidateLine {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        checkAdvertisable(address);
    }

    private static InetSocketAddress checkAdvertisable(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || address.getPort() == 0) {
            throw new IllegalArgumentException("a candidate needs a resolved address and a non-zero port: " + address);
        }
        if (address.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("a candidate cannot advertise the wildcard address: " + address);
        }
        return address;
    }

    /** A host UDP candidate with the highest local preference. */
    public static IceCandidateLine hostUdp(InetSocketAddress address) {
        return hostUdp(address, 65535);
    }

    /**
     * A host UDP candidate; give each advertised address its own {@code localPreference} (0..65535,
     * higher is preferred) when there are several.
     */
    public static IceCandidateLine hostUdp(InetSocketAddress address, int localPreference) {
        checkRange("localPreference", localPreference, 65535);
        checkAdvertisable(address);
        return new IceCandidateLine(foundationOf("udp", address.getAddress()), COMPONENT_RTP, "udp",
                priority(HOST_TYPE_PREFERENCE, localPreference, COMPONENT_RTP), address, null);
    }

    /** A passive host TCP candidate (RFC 6544) with the highest "other preference". */
    public static IceCandidateLine hostTcpPassive(InetSocketAddress address) {
        return hostTcpPassive(address, 8191);
    }

    /** A passive host TCP candidate; {@code otherPreference} (0..8191) orders several TCP addresses. */
    public static IceCandidateLine hostTcpPassive(InetSocketAddress address, int otherPreference) {
        checkRange("otherPreference", otherPreference, 8191);
        checkAdvertisable(address);
        int localPreference = (PASSIVE_DIRECTION_PREFERENCE << 13) | otherPreference;
        return new IceCandidateLine(foundationOf("tcp", address.getAddress()), COMPONENT_RTP, "tcp",
                priority(HOST_TYPE_PREFERENCE, localPreference, COMPONENT_RTP), address, "passive");
    }

    /** RFC 8445 §5.1.2.1. */
    public static long priority(int typePreference, int localPreference, int component) {
        checkRange("typePreference", typePreference, 126);
        checkRange("localPreference", localPreference, 65535);
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component must be 1..256: " + component);
        }
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /** The attribute value, without the leading {@code a=}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("candidate:").append(foundation)
                .append(' ').append(component)
                .append(' ').append(transport)
                .append(' ').append(priority)
                .append(' ').append(addressText(address.getAddress()))
                .append(' ').append(address.getPort())
                .append(" typ host");
        if (tcpType != null) {
            s.append(" tcptype ").append(tcpType);
        }
        return s.toString();
    }

    private static String foundationOf(String protocol, InetAddress address) {
        CRC32 crc = new CRC32();
        crc.update(("host|" + protocol + "|" + addressText(address)).getBytes(StandardCharsets.US_ASCII));
        return Long.toString(crc.getValue());
    }

    private static String addressText(InetAddress address) {
        String text = address.getHostAddress();
        // A scope id ("fe80::1%eth0") means nothing to the peer and is not valid SDP.
        int percent = text.indexOf('%');
        if (address instanceof Inet6Address && percent >= 0) {
            text = text.substring(0, percent);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static void checkRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be 0.." + max + ": " + value);
        }
    }
}
