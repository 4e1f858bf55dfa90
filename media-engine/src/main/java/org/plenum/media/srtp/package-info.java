/**
 * SRTP and SRTCP (RFC 3711) with the two profiles WebRTC negotiates over DTLS-SRTP (RFC 5764):
 * {@link org.plenum.media.srtp.SrtpProfile#AEAD_AES_128_GCM} (RFC 7714) and
 * {@link org.plenum.media.srtp.SrtpProfile#AES_CM_128_HMAC_SHA1_80}.
 *
 * <p>Typical use by the transport, once DTLS has exported its keying material:
 * <pre>{@code
 * SrtpProfile profile = SrtpProfile.byId(material.profileId());
 * SrtpKeys keys = SrtpKeys.fromDtlsExport(profile, material.keyingMaterial(), true);
 * SrtpContext outbound = new SrtpContext(keys.local());   // protect what we send
 * SrtpContext inbound = new SrtpContext(keys.remote());   // unprotect what we receive
 * int wireLength = outbound.protectRtp(buf, off, len);    // needs SrtpContext.maxRtpOverhead(profile) spare bytes
 * }</pre>
 *
 * <p>Everything works in place on {@code byte[] buf, int off, int len}; contexts are confined to one
 * thread at a time.
 */
package org.plenum.media.srtp;
