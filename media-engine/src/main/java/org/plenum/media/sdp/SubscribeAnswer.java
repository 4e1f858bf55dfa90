package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a subscriber's answer says: its transport (ICE credentials, DTLS fingerprint and role), which m-lines it
 * accepted for receiving, and the header extension ids it agreed to per accepted mid.
 *
 * @param acceptedMids mids of sendonly m-lines the subscriber will receive, in m-line order
 * @param rejectedMids mids of sendonly m-lines it refused (port 0, inactive, or without the offered codec)
 */
public record SubscribeAnswer(RemoteTransport remote, List<String> acceptedMids, List<String> rejectedMids,
                              Map<String, ExtensionIds> extensionIds) {

    public SubscribeAnswer {
        acceptedMids = List.copyOf(acceptedMids);
        rejectedMids = List.copyOf(rejectedMids);
        extensionIds = Map.copyOf(extensionIds);
    }

    public boolean accepted(String mid) {
        return acceptedMids.contains(mid);
    }

    /**
     * Reads an answer to {@code offer}. It must keep the offer's m-lines in order with the same mids (JSEP §5.3.1),
     * carry ICE credentials and a sha-256 fingerprint, and leave the engine the DTLS server ({@code setup:active}, the
     * default when absent per RFC 4145).
     */
    public static SubscribeAnswer parse(SubscribeOffer offer, SessionDescription answer) throws SdpException {
        List<SubscribeSlot> slots = offer.slots();
        if (answer.media().size() != slots.size()) {
            throw new SdpException("subscribe answer has " + answer.media().size() + " m-lines; the offer had " + slots.size());
        }
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Map<String, ExtensionIds> extensions = new LinkedHashMap<>();
        List<MediaSection> acceptedSections = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            SubscribeSlot slot = slots.get(i);
            MediaSection m = answer.media().get(i);
            if (!m.mid().filter(slot.mid()::equals).isPresent()) {
                throw new SdpException("subscribe answer m-line " + (i + 1) + " has mid " + m.mid().orElse("(none)")
                        + " where the offer had " + slot.mid());
            }
            if (!slot.isActive()) {
                continue;
            }
            boolean receives = !m.isRejected() && m.direction().receives()
                    && m.rtpMaps().containsKey(slot.codec().subscribePayloadType());
            if (receives) {
                accepted.add(slot.mid());
                acceptedSections.add(m);
                extensions.put(slot.mid(), offeredOnly(m, slot.kind()));
            } else {
                rejected.add(slot.mid());
            }
        }
        if (acceptedSections.isEmpty()) {
            // Nothing to send yet, but the transport is still needed for later re-offers: read it from any m-line.
            acceptedSections = answer.media().stream().filter(m -> !m.isRejected()).toList();
        }
        if (acceptedSections.isEmpty()) {
            throw new SdpException("subscribe answer rejects every m-line; there is no transport to use");
        }
        MediaSection tagged = acceptedSections.getFirst();
        if (!answer.bundleGroups().isEmpty()) {
            String first = answer.bundleGroups().getFirst().isEmpty() ? null : answer.bundleGroups().getFirst().getFirst();
            tagged = first == null ? tagged : answer.mediaByMid(first).orElse(tagged);
        } else if (acceptedSections.size() > 1) {
            throw new SdpException("subscribe answer has no a=group:BUNDLE; the engine sends all media on one transport");
        }
        RemoteTransport remote = RemoteTransport.of(answer, tagged, acceptedSections, SetupRole.ACTIVE, "subscribe answer");
        if (remote.setup() != SetupRole.ACTIVE) {
            throw new SdpException("subscribe answer has setup:" + remote.setup().attributeValue()
                    + "; the engine is always the DTLS server, so the answer must say active");
        }
        return new SubscribeAnswer(remote, accepted, rejected, extensions);
    }

    /** An answerer may only agree to what was offered (RFC 8285 §6); ignore anything else it lists. */
    private static ExtensionIds offeredOnly(MediaSection answered, MediaKind kind) {
        List<Extmap> kept = new ArrayList<>();
        for (Extmap e : answered.extmaps()) {
            RtpExtension known = RtpExtension.byUri(e.uri());
            Integer offeredId = known == null ? null : SubscribeOffer.EXTMAP_IDS.get(known);
            if (offeredId != null && (known != RtpExtension.AUDIO_LEVEL || kind == MediaKind.AUDIO)) {
                kept.add(e);
            }
        }
        return ExtensionIds.of(kept);
    }
}
