package org.plenum.media.sdp;

/**
 * The peer's transport as its SDP describes it: ICE credentials for checking its STUN requests, the sha-256
 * fingerprint its DTLS certificate must match, and its DTLS role.
 */
public record RemoteTransport(String iceUfrag, String icePwd, String fingerprintSha256, SetupRole setup) {

    /**
     * Reads the transport of the BUNDLE's first m-line ({@code tagged}) and checks that every other bundled m-line
     * that states credentials states the same ones, since one transport carries them all.
     */
    static RemoteTransport of(SessionDescription sdp, MediaSection tagged, Iterable<MediaSection> bundled,
                              SetupRole defaultSetup, String what) throws SdpException {
        String where = " in " + what + " (m-line mid " + tagged.mid().orElse("?") + ")";
        String ufrag = sdp.iceUfrag(tagged).orElseThrow(() -> new SdpException("no a=ice-ufrag" + where));
        String pwd = sdp.icePwd(tagged).orElseThrow(() -> new SdpException("no a=ice-pwd" + where));
        Fingerprint fp = sdp.sha256Fingerprint(tagged)
                .orElseThrow(() -> new SdpException("no a=fingerprint:sha-256" + where + "; the engine verifies DTLS with sha-256"));
        for (MediaSection m : bundled) {
            if (!sdp.iceUfrag(m).orElse(ufrag).equals(ufrag) || !sdp.icePwd(m).orElse(pwd).equals(pwd)) {
                throw new SdpException("m-line mid " + m.mid().orElse("?") + " has other ICE credentials than mid "
                        + tagged.mid().orElse("?") + " in " + what + "; BUNDLE needs one transport");
            }
        }
        SetupRole setup = sdp.setup(tagged).orElse(defaultSetup);
        return new RemoteTransport(ufrag, pwd, fp.value(), setup);
    }
}
