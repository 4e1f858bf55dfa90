package org.plenum.minutes.votes;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.Event;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;

/**
 * Reads the voting plugin's events into {@link VoteNews}, without a compile-time dependency on that plugin.
 *
 * <p>Why by name: the voting plugin is being written at the same time, and a declared dependency on it would keep
 * the minutes from installing where voting is not installed (the SPI has no optional dependencies). So the minutes
 * subscribe to every event of their room and recognise the voting plugin's two records by class name and component
 * names — the contract in {@code docs/plugins/minutes.md}, "Vote results":
 * <pre>
 * org.plenum.voting.api.VoteStarted(UUID tenantId, String roomId, UUID|String voteId, String|Optional agendaItem,
 *                                   Enum|String kind, String question, ...)
 * org.plenum.voting.api.VoteClosed (the same, plus Map|JsonObject counts (or tally), boolean valid,
 *                                   String outcome (or endedHow), String finalHash, and for roll calls
 *                                   List&lt;Map.Entry&lt;name, option&gt;&gt; namedChoices (or a map names: option → names))
 * </pre>
 * The voting plugin's records on branch {@code voting} (commit d40f9f6) have the first spelling of each.
 * Extra components are ignored; a record that lacks a required one is ignored with a warning. Once the voting
 * plugin's API is published, this class is the one place to change to a typed subscription.
 */
public final class VotingEvents {

    /** The package of the voting plugin's exported events. */
    public static final String PACKAGE = "org.plenum.voting.api";

    private VotingEvents() {
    }

    /** The vote news in {@code event}, if it is one of the voting plugin's vote events. */
    public static Optional<VoteNews> read(Event event, System.Logger log) {
        Class<?> type = event.getClass();
        String name = type.getName();
        boolean started = name.equals(PACKAGE + ".VoteStarted");
        boolean closed = name.equals(PACKAGE + ".VoteClosed");
        if ((!started && !closed) || !type.isRecord()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> c = components(event);
            String roomId = (String) require(c, "roomId");
            String voteId = require(c, "voteId").toString();
            Optional<String> item = optionalText(c.get("agendaItem"));
            String kind = require(c, "kind").toString().toLowerCase(Locale.ROOT);
            if (!kind.equals("roll_call") && !kind.equals("pseudonymous") && !kind.equals("secret")) {
                throw new IllegalArgumentException("unknown vote kind '" + kind + "'");
            }
            String question = String.valueOf(require(c, "question"));
            JsonObject result = JsonObject.of();
            if (closed) {
                JsonObject.Builder b = JsonObject.builder()
                        .put("tally", json(require(c, c.containsKey("counts") ? "counts" : "tally")))
                        .put("valid", (Boolean) require(c, "valid"))
                        .put("endedHow", require(c, c.containsKey("outcome") ? "outcome" : "endedHow").toString().toLowerCase(Locale.ROOT))
                        .put("finalHash", String.valueOf(require(c, "finalHash")));
                if (kind.equals("roll_call") && c.get("namedChoices") instanceof List<?> named) {
                    b.put("names", byChoice(named));
                } else if (kind.equals("roll_call") && c.get("names") != null) {
                    b.put("names", json(c.get("names")));
                }
                result = b.build();
            }
            return Optional.of(new VoteNews((UUID) require(c, "tenantId"), roomId, voteId, item, kind, question, closed, result));
        } catch (RuntimeException | ReflectiveOperationException e) {
            log.log(System.Logger.Level.WARNING, "a " + type.getSimpleName() + " event does not fit the minutes' contract"
                    + " (docs/plugins/minutes.md, Vote results) and is not recorded: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The voting plugin's roll-call list (name → option entries) as option → names. */
    private static JsonValue byChoice(List<?> named) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object o : named) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            out.computeIfAbsent(String.valueOf(e.getValue()), k -> new java.util.ArrayList<>()).add(String.valueOf(e.getKey()));
        }
        return JsonValue.from(out);
    }

    private static Map<String, Object> components(Object record) throws ReflectiveOperationException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            values.put(rc.getName(), rc.getAccessor().invoke(record));
        }
        return values;
    }

    private static Object require(Map<String, Object> c, String name) {
        Object v = c.get(name);
        if (v == null) {
            throw new IllegalArgumentException("component '" + name + "' is missing or null");
        }
        return v;
    }

    private static Optional<String> optionalText(Object v) {
        if (v instanceof Optional<?> o) {
            return o.map(Object::toString);
        }
        return Optional.ofNullable(v).map(Object::toString).filter(s -> !s.isBlank());
    }

    private static JsonValue json(Object v) {
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x instanceof Collection<?> col ? col.stream().map(String::valueOf).toList() : x));
            return JsonValue.from(copy);
        }
        throw new IllegalArgumentException("expected a JSON object or a map, found " + v.getClass().getSimpleName());
    }
}
