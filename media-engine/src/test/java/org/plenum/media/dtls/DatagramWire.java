package org.plenum.media.dtls;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One direction of an in-memory network between two handshakes: what one side sends, the other receives.
 * Datagrams sent before the receiving side exists are held and delivered when it is connected, so tests
 * need no ordering tricks. A tamper function may drop, alter or add datagrams in flight.
 */
final class DatagramWire implements Consumer<byte[]> {

    private final Function<byte[], List<byte[]>> tamper;
    private final List<byte[]> held = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();
    private DtlsHandshake receiver;

    DatagramWire() {
        this(List::of);
    }

    DatagramWire(Function<byte[], List<byte[]>> tamper) {
        this.tamper = tamper;
    }

    synchronized void connect(DtlsHandshake to) {
        receiver = to;
        held.forEach(d -> to.onDatagram(d, 0, d.length));
        held.clear();
    }

    /** Everything the sending side handed to its sink, before tampering. */
    synchronized List<byte[]> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void accept(byte[] datagram) {
        DtlsHandshake to;
        synchronized (this) {
            sent.add(datagram);
            if (receiver == null) {
                held.addAll(tamper.apply(datagram));
                return;
            }
            to = receiver;
        }
        for (byte[] d : tamper.apply(datagram)) {
            to.onDatagram(d, 0, d.length);
        }
    }
}
