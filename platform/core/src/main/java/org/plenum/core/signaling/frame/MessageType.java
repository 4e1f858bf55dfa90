package org.plenum.core.signaling.frame;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalogue of client-to-server messages. Each entry has a JSON Schema at
 * {@code signaling/schemas/<ns>.<type>.json} and turns a validated body into its record.
 */
public enum MessageType {
    CONTROL_JOIN("control", "join", b -> new ClientMessage.Join(text(b, "ticket"), text(b, "displayName"), text(b, "resumeToken"))),
    CONTROL_LEAVE("control", "leave", b -> new ClientMessage.Leave()),
    CONTROL_UPDATE("control", "update", b -> new ClientMessage.Rename(text(b, "displayName"))),
    MODERATION_ADMIT("moderation", "admit", b -> new ClientMessage.Admit(text(b, "participantId"))),
    MODERATION_REJECT("moderation", "reject", b -> new ClientMessage.Reject(text(b, "participantId"))),
    MODERATION_KICK("moderation", "kick", b -> new ClientMessage.Kick(text(b, "participantId"))),
    MODERATION_BAN("moderation", "ban", b -> new ClientMessage.Ban(text(b, "participantId"))),
    MODERATION_MUTE("moderation", "mute", b -> new ClientMessage.Mute(text(b, "participantId"))),
    MODERATION_LOCK("moderation", "lock", b -> new ClientMessage.Lock()),
    MODERATION_UNLOCK("moderation", "unlock", b -> new ClientMessage.Unlock()),
    MODERATION_PROMOTE("moderation", "promote", b -> new ClientMessage.Promote(text(b, "participantId"))),
    MODERATION_DEMOTE("moderation", "demote", b -> new ClientMessage.Demote(text(b, "participantId"))),
    MODERATION_END_MEETING("moderation", "end_meeting", b -> new ClientMessage.EndMeeting()),
    CHAT_SEND("chat", "send", b -> new ClientMessage.Send(text(b, "text"), text(b, "to"))),
    CHAT_CLEAR("chat", "clear", b -> new ClientMessage.Clear()),
    HAND_RAISE("hand", "raise", b -> new ClientMessage.Raise()),
    HAND_LOWER("hand", "lower", b -> new ClientMessage.Lower(text(b, "participantId"))),
    HAND_LOWER_ALL("hand", "lower_all", b -> new ClientMessage.LowerAll()),
    MEDIA_PUBLISH("media", "publish", b -> new ClientMessage.Publish(text(b, "sdp"), sources(b.get("sources")))),
    MEDIA_ANSWER("media", "answer", b -> new ClientMessage.SubscribeAnswer(text(b, "sdp"), b.get("version").asLong())),
    MEDIA_VIEW("media", "view", b -> new ClientMessage.View(tiles(b.get("tiles")))),
    MEDIA_AUDIO_ONLY("media", "audio_only", b -> new ClientMessage.AudioOnly(b.get("enabled").asBoolean())),
    MEDIA_MUTE_STATE("media", "mute_state", b -> new ClientMessage.MuteState(flag(b, "audio"), flag(b, "video")));

    public final String ns;
    public final String type;
    private final Function<JsonNode, ClientMessage> decoder;

    private static final Map<String, MessageType> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(MessageType::qualifiedName, t -> t));

    MessageType(String ns, String type, Function<JsonNode, ClientMessage> decoder) {
        this.ns = ns;
        this.type = type;
        this.decoder = decoder;
    }

    /** {@code ns/type}, as the protocol document writes it. */
    public String qualifiedName() {
        return ns + "/" + type;
    }

    /** The schema's resource path on the class path. */
    public String schemaResource() {
        return "signaling/schemas/" + ns + "." + type + ".json";
    }

    public static MessageType find(String ns, String type) {
        return BY_NAME.get(ns + "/" + type);
    }

    public static boolean isNamespace(String ns) {
        return Stream.of(values()).anyMatch(t -> t.ns.equals(ns));
    }

    ClientMessage decode(JsonNode body) {
        return decoder.apply(body);
    }

    private static Boolean flag(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    private static java.util.Map<String, String> sources(JsonNode n) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (n != null) {
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static java.util.List<ClientMessage.View.Tile> tiles(JsonNode n) {
        java.util.List<ClientMessage.View.Tile> out = new java.util.ArrayList<>();
        for (JsonNode t : n) {
            out.add(new ClientMessage.View.Tile(t.get("participantId").asText(), t.get("source").asText(),
                    t.get("width").asInt(), t.get("height").asInt()));
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
