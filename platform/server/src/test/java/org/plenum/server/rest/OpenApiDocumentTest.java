package org.plenum.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.pluginhost.testing.SignedJars;
import org.plenum.pluginhost.testing.TestPlugins;
import org.plenum.server.TestServer;

/**
 * Keeps {@code openapi.json} in step with the code: the document the real server serves must name exactly the
 * operations Jersey serves, describe each completely, match the Java request and response records, and match
 * what the server really answers, status by status and property by property.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** A path template parameter as Jersey writes it, {@code {name}} or {@code {name: regex}}. */
    private static final Pattern PARAM = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    static TestServer t;
    static JsonNode doc;
    static SignedJars signing = new SignedJars("Plenum Test CA");

    @BeforeAll
    static void start() {
        t = TestServer.withTestPlugins(signing, Map.of());
        TestServer.Reply r = t.get("/api/v1/openapi.json", null);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.body()).as("the served document is JSON").isNotNull();
        doc = r.body();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    // ------------------------------------------------------------------ 1. the document itself

    @Test
    void isAnOpenApi31DocumentForTheApiMountPoint() throws IOException {
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("info").path("version").asText()).isNotBlank();
        assertThat(doc.path("servers").size()).isEqualTo(1);
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/api/v1");
        assertThat(doc.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asText()).isEqualTo("bearer");
        // the server answers with the document in the jar, byte for byte
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            assertThat(in).isNotNull();
            assertThat(JSON.readTree(in)).isEqualTo(doc);
        }
    }

    // ------------------------------------------------------------------ 2. exactly the operations Jersey serves

    /** One operation as Jersey serves it: HTTP method, full path template, Java method and entity type (or null). */
    private record Served(String method, String path, Method handler, Class<?> entity) {
        String key() {
            return method + " " + normalise(path);
        }
    }

    @Test
    void documentsExactlyTheOperationsJerseyServes() {
        Map<String, Served> served = new LinkedHashMap<>();
        for (Served s : servedOperations()) {
            assertThat(served.put(s.key(), s)).as("Jersey serves %s twice", s.key()).isNull();
        }
        assertThat(served).as("the resource model walk found the API").containsKeys("POST /auth/login", "GET /openapi.json");

        List<String> problems = new ArrayList<>();
        Map<String, String> documented = new LinkedHashMap<>();
        forEachOperation((name, op) -> {
            String twin = documented.put(normaliseKey(name), name);
            if (twin != null) {
                problems.add(name + " and " + twin + " are the same operation");
            }
        });
        for (Served s : served.values()) {
            if (!documented.containsKey(s.key())) {
                problems.add(s.method() + " " + s.path() + " is served by " + s.handler().getDeclaringClass().getSimpleName() + "."
                        + s.handler().getName() + " but not documented in openapi.json");
            }
        }
        documented.forEach((key, name) -> {
            if (!served.containsKey(key)) {
                problems.add(name + " is documented in openapi.json but the server does not serve it");
            }
        });
        // the same names for the path parameters, and a request body exactly where the Java method takes an entity
        for (Served s : served.values()) {
            String name = documented.get(s.key());
            if (name == null) {
                continue;
            }
            String docPath = name.substring(name.indexOf(' ') + 1);
            if (!paramNames(docPath).equals(paramNames(s.path()))) {
                problems.add(name + ": path parameters " + paramNames(docPath) + " but Jersey names them " + paramNames(s.path()));
            }
            boolean documentsBody = !operation(name).path("requestBody").isMissingNode();
            if (documentsBody != (s.entity() != null)) {
                problems.add(name + (documentsBody ? ": documents a request body that " + s.handler().getName() + " does not read"
                        : ": " + s.handler().getName() + " reads a " + s.entity().getSimpleName() + " body that is not documented"));
            }
        }
        assertThat(problems).as("openapi.json and the operations Jersey serves").isEmpty();
    }

    private static List<Served> servedOperations() {
        ResourceConfig app = new ApiApplication(t.server.core(), t.server.plugins());
        List<Resource> roots = new ArrayList<>();
        for (Class<?> c : app.getClasses()) {
            if (c.isAnnotationPresent(Path.class)) {
                roots.add(Resource.from(c));
            }
        }
        for (Object o : app.getInstances()) {
            if (o.getClass().isAnnotationPresent(Path.class)) {
                roots.add(Resource.from(o.getClass()));
            }
        }
        roots.addAll(app.getResources());
        List<Served> out = new ArrayList<>();
        for (Resource r : roots) {
            walk(r, "", out, 0);
        }
        return out;
    }

    private static void walk(Resource r, String prefix, List<Served> out, int depth) {
        assertThat(depth).as("sub-resource nesting at %s", prefix).isLessThan(10);
        String here = join(prefix, r.getPath());
        for (ResourceMethod m : r.getResourceMethods()) {
            Class<?> entity = m.getInvocable().getParameters().stream()
                    .filter(p -> p.getSource() == Source.ENTITY).map(Parameter::getRawType).findFirst().orElse(null);
            out.add(new Served(m.getHttpMethod(), here, m.getInvocable().getHandlingMethod(), entity));
        }
        ResourceMethod locator = r.getResourceLocator();
        if (locator != null) {
            walk(Resource.from(locator.getInvocable().getRawResponseType()), here, out, depth + 1);
        }
        for (Resource child : r.getChildResources()) {
            walk(child, here, out, depth + 1);
        }
    }

    private static String join(String prefix, String path) {
        String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
        String joined = p.isEmpty() ? prefix : prefix + "/" + p;
        return joined.isEmpty() ? "/" : joined.replaceAll("/{2,}", "/");
    }

    /** {@code /rooms/{roomId: [a-z]+}/x} becomes {@code /rooms/{}/x}: parameter names do not make two paths differ. */
    private static String normalise(String path) {
        return PARAM.matcher(path).replaceAll("{}");
    }

    private static String normaliseKey(String methodAndPath) {
        int space = methodAndPath.indexOf(' ');
        return methodAndPath.substring(0, space) + " " + normalise(methodAndPath.substring(space + 1));
    }

    private static List<String> paramNames(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    // ------------------------------------------------------------------ 3. every operation described completely

    @Test
    void everyOperationIsCompletelyDescribed() {
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        doc.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        forEachOperation((name, op) -> {
            String path = name.substring(name.indexOf(' ') + 1);
            String id = op.path("operationId").asText();
            if (id.isBlank()) {
                problems.add(name + ": no operationId");
            } else if (!operationIds.add(id)) {
                problems.add(name + ": operationId " + id + " is used twice");
            }
            if (op.path("summary").asText().isBlank()) {
                problems.add(name + ": no summary");
            }
            if (op.path("description").asText().isBlank()) {
                problems.add(name + ": no description (who may call it)");
            }
            op.path("tags").forEach(tag -> {
                if (!tags.contains(tag.asText())) {
                    problems.add(name + ": tag " + tag.asText() + " is not declared");
                }
            });
            JsonNode responses = op.path("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            if (codes.stream().noneMatch(c -> c.matches("2\\d\\d"))) {
                problems.add(name + ": no 2xx response");
            }
            if (requiresAuthentication(op) && !codes.contains("401")) {
                problems.add(name + ": requires authentication but documents no 401");
            }
            for (String code : codes) {
                JsonNode response = deref(responses.get(code));
                if (response.path("description").asText().isBlank()) {
                    problems.add(name + " " + code + ": no description");
                }
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonNode problem = response.path("content").path(ProblemResponses.MEDIA_TYPE);
                    if (!problem.path("schema").path("$ref").asText().equals(PROBLEM_REF) || response.path("content").size() != 1) {
                        problems.add(name + " " + code + ": an error must be " + ProblemResponses.MEDIA_TYPE + " with schema " + PROBLEM_REF);
                    }
                } else if (response.has("content") && !response.path("content").has("application/json")) {
                    problems.add(name + " " + code + ": a success response with a body must be application/json");
                }
            }
            List<String> declared = new ArrayList<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = deref(p);
                if (param.path("in").asText().equals("path")) {
                    declared.add(param.path("name").asText());
                    if (!param.path("required").asBoolean()) {
                        problems.add(name + ": path parameter " + param.path("name").asText() + " must be required");
                    }
                }
            }
            if (!new TreeSet<>(declared).equals(new TreeSet<>(paramNames(path))) || declared.size() != paramNames(path).size()) {
                problems.add(name + ": declares path parameters " + declared + " for the template's " + paramNames(path));
            }
            if (op.has("requestBody")) {
                checkRequestBody(name, deref(op.get("requestBody")), problems);
            }
            for (JsonNode requirement : effectiveSecurity(op)) {
                requirement.fieldNames().forEachRemaining(scheme -> {
                    if (!doc.path("components").path("securitySchemes").has(scheme)) {
                        problems.add(name + ": unknown security scheme " + scheme);
                    }
                });
            }
        });
        assertThat(problems).isEmpty();
    }

    private static void checkRequestBody(String name, JsonNode body, List<String> problems) {
        JsonNode upload = body.path("content").path("application/octet-stream");
        if (!upload.isMissingNode() && body.path("content").size() == 1) {
            // a raw upload (a plugin jar): a binary string, nothing to validate as JSON
            JsonNode schema = upload.path("schema");
            if (!schema.path("type").asText().equals("string") || !schema.path("format").asText().equals("binary")) {
                problems.add(name + ": an application/octet-stream body must have the schema {type: string, format: binary}");
            }
            return;
        }
        JsonNode media = body.path("content").path("application/json");
        if (media.isMissingNode() || body.path("content").size() != 1) {
            problems.add(name + ": the request body must be application/json only");
            return;
        }
        JsonNode schema = deref(media.path("schema"));
        if (!schema.path("type").asText().equals("object") || !schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean()) {
            problems.add(name + ": the request body schema must be an object with additionalProperties: false (unknown fields are rejected)");
        }
        List<JsonNode> examples = new ArrayList<>();
        if (media.has("example")) {
            examples.add(media.get("example"));
        }
        media.path("examples").forEach(e -> examples.add(deref(e).path("value")));
        if (examples.isEmpty()) {
            problems.add(name + ": the request body has no example");
        }
        for (JsonNode example : examples) {
            List<String> errors = new ArrayList<>();
            validate(example, media.path("schema"), "example", false, errors);
            errors.forEach(e -> problems.add(name + ": " + e));
        }
    }

    @Test
    void everyReferenceResolvesAndEverySchemaIsUsed() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        List<String> dangling = refs.stream().filter(r -> !r.startsWith("#/") || doc.at(JsonPointer.compile(r.substring(1))).isMissingNode())
                .distinct().toList();
        assertThat(dangling).as("$refs that do not resolve").isEmpty();
        List<String> unused = new ArrayList<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(s -> {
            if (!refs.contains("#/components/schemas/" + s)) {
                unused.add(s);
            }
        });
        assertThat(unused).as("component schemas nothing refers to").isEmpty();
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into));
        }
    }

    /** The Java records Jersey reads and writes have exactly the properties, and compatible types, of their schemas. */
    @Test
    void requestAndResponseRecordsMatchTheirSchemas() {
        List<String> problems = new ArrayList<>();
        for (Served s : servedOperations()) {
            String name = s.method() + " " + s.path();
            JsonNode op = operation(documentedName(s));
            if (op.isMissingNode()) {
                continue; // reported by documentsExactlyTheOperationsJerseyServes
            }
            if (s.entity() != null && s.entity().isRecord()) {
                JsonNode schema = deref(op.path("requestBody")).path("content").path("application/json").path("schema");
                compareRecord(s.entity(), schema, name + " request", problems);
            }
            Type returned = s.handler().getGenericReturnType();
            Optional<JsonNode> success = successSchema(op);
            if (success.isPresent() && (isRecord(returned) || isListOfRecords(returned))) {
                compareType(returned, success.get(), name + " response", problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static String documentedName(Served s) {
        List<String> found = new ArrayList<>();
        forEachOperation((name, op) -> {
            if (normaliseKey(name).equals(s.key())) {
                found.add(name);
            }
        });
        return found.isEmpty() ? s.method() + " " + s.path() : found.getFirst();
    }

    private static Optional<JsonNode> successSchema(JsonNode op) {
        for (Map.Entry<String, JsonNode> e : op.path("responses").properties()) {
            JsonNode schema = deref(e.getValue()).path("content").path("application/json").path("schema");
            if (e.getKey().startsWith("2") && !schema.isMissingNode()) {
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }

    private static boolean isRecord(Type t) {
        return t instanceof Class<?> c && c.isRecord();
    }

    private static boolean isListOfRecords(Type t) {
        return t instanceof ParameterizedType p && p.getRawType() == List.class && isRecord(p.getActualTypeArguments()[0]);
    }

    private static void compareType(Type type, JsonNode schema, String where, List<String> problems) {
        Set<String> types = types(schema);
        String expected = jsonType(type);
        if (expected != null && !types.contains(expected) && !(expected.equals("integer") && types.contains("number"))) {
            problems.add(where + ": Java " + type.getTypeName() + " is JSON " + expected + " but the schema says " + types);
            return;
        }
        if (isRecord(type)) {
            compareRecord((Class<?>) type, schema, where, problems);
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            JsonNode items = itemsOf(schema);
            if (items == null) {
                problems.add(where + ": a list, but the schema has no items");
            } else {
                compareType(p.getActualTypeArguments()[0], items, where + "[]", problems);
            }
        }
    }

    private static void compareRecord(Class<?> record, JsonNode schema, String where, List<String> problems) {
        JsonNode props = propertiesOf(schema);
        Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        props.fieldNames().forEachRemaining(documented::add);
        if (!components.equals(documented)) {
            problems.add(where + ": " + record.getSimpleName() + " has " + components + " but its schema " + documented);
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            compareType(c.getGenericType(), props.get(c.getName()), where + "." + c.getName(), problems);
        }
    }

    private static String jsonType(Type type) {
        if (type instanceof ParameterizedType p) {
            return p.getRawType() == List.class ? "array" : null;
        }
        if (!(type instanceof Class<?> c)) {
            return null;
        }
        if (c == String.class || c == Instant.class || c == UUID.class) {
            return "string";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            return "integer";
        }
        if (c == double.class || c == Double.class) {
            return "number";
        }
        return c.isRecord() ? "object" : null;
    }

    // ------------------------------------------------------------------ 4. the real server answers as documented

    /** Each documented security requirement holds: without a token, protected operations answer 401, public ones do not. */
    @Test
    void securityDeclarationsMatchTheServer() {
        List<String> problems = new ArrayList<>();
        Calls calls = new Calls();
        forEachOperation((name, op) -> {
            String method = name.substring(0, name.indexOf(' '));
            String path = name.substring(name.indexOf(' ') + 1);
            Map<String, String> params = new HashMap<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = deref(p);
                boolean uuid = param.path("schema").path("format").asText().equals("uuid");
                params.put(param.path("name").asText(), uuid ? UUID.randomUUID().toString() : "AAAAAAAAAAAAAAAAAAAAAA");
            }
            TestServer.Reply r;
            try {
                r = calls.call(method, path, params, null, null);
            } catch (AssertionError e) {
                problems.add(name + " without a token: " + e.getMessage().strip());
                return;
            }
            if (requiresAuthentication(op) != (r.status() == 401)) {
                problems.add(name + " without a token answered " + r.status() + ", but the document says it "
                        + (requiresAuthentication(op) ? "requires" : "does not require") + " authentication");
            }
        });
        assertThat(problems).isEmpty();
    }

    /**
     * A tour of the whole API as admins, a member and a guest: every answer must be a documented status whose body
     * has exactly the documented properties with the documented types, and every operation must succeed once.
     */
    @Test
    void realResponsesHaveTheDocumentedShape() throws Exception {
        Calls c = new Calls();
        String password = "correct-horse-battery";

        TestServer.Reply login = c.call("POST", "/auth/login", Map.of(), null,
                Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        String admin = login.text("access_token");
        c.expect(200, "GET", "/me", Map.of(), admin, null);
        c.expect(200, "GET", "/openapi.json", Map.of(), null, null);
        c.expect(200, "GET", "/client-config", Map.of(), null, null);
        c.expect(401, "GET", "/me", Map.of(), null, null);
        c.expect(401, "GET", "/me", Map.of(), "not-a-jwt", null);
        c.expect(401, "POST", "/auth/login", Map.of(), null, Map.of("username", "admin", "password", "wrong-password"));
        c.expect(400, "POST", "/auth/login", Map.of(), null, Map.of("username", "admin"));

        // tenants and accounts
        Map<String, String> tenant = Map.of("tenantId",
                c.expect(201, "POST", "/tenants", Map.of(), admin, Map.of("slug", "openapi-town", "name", "Stadt OpenAPI")).text("id"));
        c.expect(409, "POST", "/tenants", Map.of(), admin, Map.of("slug", "openapi-town", "name", "Noch einmal"));
        c.expect(400, "POST", "/tenants", Map.of(), admin, Map.of("slug", "-", "name", "Kaputt"));
        c.expect(200, "GET", "/tenants", Map.of(), admin, null);
        c.expect(200, "GET", "/tenants/{tenantId}", tenant, admin, null);
        c.expect(404, "GET", "/tenants/{tenantId}", Map.of("tenantId", UUID.randomUUID().toString()), admin, null);
        c.expect(201, "POST", "/tenants/{tenantId}/users", tenant, admin,
                Map.of("username", "oa-admin", "password", password, "displayName", "Frau Admin", "role", "tenant_admin"));
        c.expect(201, "POST", "/tenants/{tenantId}/users", tenant, admin,
                Map.of("username", "oa-member", "password", password, "displayName", "Herr Mitglied"));
        c.expect(400, "POST", "/tenants/{tenantId}/users", tenant, admin,
                Map.of("username", "oa-short", "password", "short", "displayName", "Kurz"));
        c.expect(409, "POST", "/tenants/{tenantId}/users", tenant, admin,
                Map.of("username", "oa-member", "password", password, "displayName", "Doppelt"));
        c.expect(200, "GET", "/tenants/{tenantId}/users", tenant, admin, null);
        String townAdmin = c.expect(200, "POST", "/auth/login", Map.of(), null, Map.of("username", "oa-admin", "password", password))
                .text("access_token");
        String member = c.expect(200, "POST", "/auth/login", Map.of(), null, Map.of("username", "oa-member", "password", password))
                .text("access_token");
        c.expect(403, "GET", "/tenants/{tenantId}/users", tenant, member, null);
        c.expect(403, "POST", "/tenants", Map.of(), member, Map.of("slug", "not-allowed", "name", "Nein"));
        c.expect(403, "POST", "/tenants/{tenantId}/users", tenant, townAdmin,
                Map.of("username", "oa-root", "password", password, "displayName", "Zu hoch", "role", "platform_admin"));

        // rooms
        Map<String, String> room = Map.of("roomId", c.expect(201, "POST", "/rooms", Map.of(), townAdmin,
                Map.of("title", "Ratssaal", "password", "pw-123", "waitingRoom", "everyone")).text("id"));
        c.expect(400, "POST", "/rooms", Map.of(), townAdmin, Map.of("title", "Ratssaal", "colour", "red"));
        c.expect(400, "POST", "/rooms", Map.of(), townAdmin, Map.of("title", " "));
        c.expect(200, "GET", "/rooms", Map.of(), member, null);
        c.expect(200, "GET", "/rooms/{roomId}", room, member, null);
        c.expect(404, "GET", "/rooms/{roomId}", room, admin, null);
        c.expect(403, "PATCH", "/rooms/{roomId}", room, member, Map.of("locked", true));
        c.expect(200, "PATCH", "/rooms/{roomId}", room, townAdmin, Map.of("title", "Großer Ratssaal", "locked", true));
        c.expect(403, "GET", "/rooms/{roomId}/dialin", room, member, null);
        c.expect(200, "GET", "/rooms/{roomId}/dialin", room, townAdmin, null);
        c.expect(403, "POST", "/rooms/{roomId}/dialin/pin", room, member, null);
        c.expect(200, "POST", "/rooms/{roomId}/dialin/pin", room, townAdmin, null);

        // meetings
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> meeting = new HashMap<>(room);
        meeting.put("meetingId", c.expect(201, "POST", "/rooms/{roomId}/meetings", room, townAdmin, Map.of("title", "Sitzung",
                "startsAt", start.toString(), "endsAt", start.plus(2, ChronoUnit.HOURS).toString(), "invitees", List.of("a@example.org"))).text("id"));
        c.expect(400, "POST", "/rooms/{roomId}/meetings", room, townAdmin,
                Map.of("title", "Rückwärts", "startsAt", start.toString(), "endsAt", start.minusSeconds(60).toString()));
        c.expect(200, "GET", "/rooms/{roomId}/meetings", room, member, null);

        // invites and tickets
        TestServer.Reply invite = c.expect(201, "POST", "/rooms/{roomId}/invites", room, townAdmin, Map.of("label", "Presse"));
        c.expect(201, "POST", "/rooms/{roomId}/invites", room, townAdmin, null);
        c.expect(400, "POST", "/rooms/{roomId}/invites", room, townAdmin, Map.of("expiresInSeconds", 0));
        c.expect(200, "GET", "/rooms/{roomId}/invites", room, townAdmin, null);
        c.expect(403, "GET", "/rooms/{roomId}/invites", room, member, null);
        c.expect(200, "GET", "/invites/{token}", Map.of("token", invite.text("token")), null, null);
        c.expect(404, "GET", "/invites/{token}", Map.of("token", "no-such-invite"), null, null);
        c.expect(201, "POST", "/rooms/{roomId}/tickets", room, member, Map.of("password", "pw-123"));
        c.expect(201, "POST", "/rooms/{roomId}/tickets", room, townAdmin, null);
        c.expect(403, "POST", "/rooms/{roomId}/tickets", room, member, Map.of());
        c.expect(201, "POST", "/rooms/{roomId}/tickets", room, null,
                Map.of("inviteToken", invite.text("token"), "displayName", "Frau Presse", "password", "pw-123"));
        c.expect(400, "POST", "/rooms/{roomId}/tickets", room, null, Map.of("inviteToken", invite.text("token"), "displayName", " "));
        c.expect(404, "POST", "/rooms/{roomId}/tickets", room, null, Map.of("inviteToken", "no-such-invite", "displayName", "Gast"));
        c.expect(401, "POST", "/rooms/{roomId}/tickets", room, null, Map.of());
        Map<String, String> inviteId = new HashMap<>(room);
        inviteId.put("inviteId", invite.text("id"));
        c.expect(204, "DELETE", "/rooms/{roomId}/invites/{inviteId}", inviteId, townAdmin, null);
        JsonNode revoked = c.expect(200, "GET", "/rooms/{roomId}/invites", room, townAdmin, null).body();
        assertThat(revoked.findValuesAsText("revokedAt")).as("a revoked invite shows when").isNotEmpty();
        c.expect(404, "DELETE", "/rooms/{roomId}/meetings/{meetingId}", Map.of("roomId", room.get("roomId"), "meetingId", "not-a-uuid"), townAdmin, null);
        c.expect(204, "DELETE", "/rooms/{roomId}/meetings/{meetingId}", meeting, townAdmin, null);

        // errors of the HTTP layer and the login throttle
        c.expectRaw(415, "POST", "/rooms", Map.of(), townAdmin, "text/plain", "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8), false);
        c.expectRaw(415, "POST", "/rooms/{roomId}/dialin/pin", room, townAdmin, "text/plain", new byte[] {'x'}, false);
        // as the document says, the body is read before the token is checked
        c.expect(400, "POST", "/rooms", Map.of(), null, Map.of("colour", "red"));
        byte[] huge = ("{\"title\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        c.expectRaw(413, "POST", "/rooms", Map.of(), townAdmin, "application/json", huge, true);
        int throttled = 0;
        for (int i = 0; i < 10 && throttled != 429; i++) {
            throttled = c.call("POST", "/auth/login", Map.of(), null, Map.of("username", "oa-throttled", "password", "guess-" + i)).status();
        }
        assertThat(throttled).as("failed logins are throttled").isEqualTo(429);

        // plugins: the state installs and shares, the municipality enables, members call the plugin's routes
        java.nio.file.Path jars = java.nio.file.Files.createTempDirectory("openapi-plugins");
        String jar = "application/octet-stream";
        byte[] greeter = java.nio.file.Files.readAllBytes(signing.signed(jars, TestPlugins.GreeterV1.class, TestPlugins.GREETER_UI));
        byte[] greeter11 = java.nio.file.Files.readAllBytes(signing.signed(jars, TestPlugins.GreeterV11.class, TestPlugins.GREETER_UI));
        byte[] counter = java.nio.file.Files.readAllBytes(signing.signed(jars, TestPlugins.Counter.class));
        c.expectRaw(403, "POST", "/admin/plugins", Map.of(), townAdmin, jar, greeter, false);
        c.expectRaw(201, "POST", "/admin/plugins", Map.of(), admin, jar, greeter, false);
        c.expectRaw(201, "POST", "/admin/plugins", Map.of(), admin, jar, counter, false);
        c.expectRaw(409, "POST", "/admin/plugins", Map.of(), admin, jar, greeter, false);
        c.expectRaw(400, "POST", "/admin/plugins", Map.of(), admin, jar, "not a jar".getBytes(StandardCharsets.UTF_8), false);
        c.expectRaw(415, "POST", "/admin/plugins", Map.of(), admin, "application/json", "{}".getBytes(StandardCharsets.UTF_8), false);
        Map<String, String> plugin = Map.of("pluginId", "greeter");
        Map<String, String> pluginOfTown = Map.of("pluginId", "greeter", "tenantId", tenant.get("tenantId"));
        Map<String, String> counterOfTown = Map.of("pluginId", "counter", "tenantId", tenant.get("tenantId"));
        c.expect(200, "GET", "/admin/plugins", Map.of(), admin, null);
        c.expect(403, "GET", "/admin/plugins", Map.of(), member, null);
        c.expect(200, "GET", "/admin/plugins/{pluginId}", plugin, admin, null);
        c.expect(200, "GET", "/client-config/plugins/{pluginId}", plugin, null, null);
        c.expect(404, "GET", "/client-config/plugins/{pluginId}", Map.of("pluginId", "counter"), null, null);
        c.expect(404, "GET", "/client-config/plugins/{pluginId}", Map.of("pluginId", "nothing"), null, null);
        c.expect(404, "GET", "/admin/plugins/{pluginId}", Map.of("pluginId", "nothing"), admin, null);
        c.expect(403, "PUT", "/admin/plugins/{pluginId}/tenants/{tenantId}", pluginOfTown, townAdmin, Map.of("available", true));
        c.expect(400, "PUT", "/admin/plugins/{pluginId}/tenants/{tenantId}", pluginOfTown, admin, Map.of("available", "yes"));
        c.expect(200, "PUT", "/admin/plugins/{pluginId}/tenants/{tenantId}", pluginOfTown, admin, Map.of("available", true));
        c.expect(409, "PUT", "/tenants/{tenantId}/plugins/{pluginId}", counterOfTown, townAdmin, Map.of("enabled", true));
        c.expect(403, "PUT", "/tenants/{tenantId}/plugins/{pluginId}", pluginOfTown, member, Map.of("enabled", true));
        c.expect(200, "PUT", "/tenants/{tenantId}/plugins/{pluginId}", pluginOfTown, townAdmin, Map.of("enabled", true));
        c.expect(200, "GET", "/tenants/{tenantId}/plugins", tenant, member, null);
        c.expect(200, "GET", "/tenants/{tenantId}/plugins", tenant, townAdmin, null);
        c.expect(404, "GET", "/tenants/{tenantId}/plugins", Map.of("tenantId", UUID.randomUUID().toString()), townAdmin, null);
        Map<String, String> hello = Map.of("pluginId", "greeter", "path", "hello");
        Map<String, String> echo = Map.of("pluginId", "greeter", "path", "echo");
        c.expect(200, "GET", "/plugins/{pluginId}/{path}", hello, member, null);
        c.expect(401, "GET", "/plugins/{pluginId}/{path}", hello, null, null);
        c.expect(404, "GET", "/plugins/{pluginId}/{path}", hello, admin, null);
        c.expect(404, "GET", "/plugins/{pluginId}/{path}", Map.of("pluginId", "greeter", "path", "nothing"), member, null);
        c.expect(409, "GET", "/plugins/{pluginId}/{path}", Map.of("pluginId", "greeter", "path", "teapot"), member, null);
        c.expect(500, "GET", "/plugins/{pluginId}/{path}", Map.of("pluginId", "greeter", "path", "broken"), member, null);
        c.expect(200, "POST", "/plugins/{pluginId}/{path}", echo, member, Map.of("a", 1));
        c.expect(400, "POST", "/plugins/{pluginId}/{path}", echo, member, "[1,");
        c.expect(201, "POST", "/plugins/{pluginId}/{path}", Map.of("pluginId", "greeter", "path", "things"), member, Map.of());
        c.expect(200, "PUT", "/plugins/{pluginId}/{path}", echo, member, Map.of("b", 2));
        c.expect(200, "PATCH", "/plugins/{pluginId}/{path}", echo, member, Map.of("c", 3));
        c.expect(204, "DELETE", "/plugins/{pluginId}/{path}", echo, member, null);
        c.expect(405, "DELETE", "/plugins/{pluginId}/{path}", hello, member, null);
        // update, disable, enable, uninstall
        c.expectRaw(200, "PUT", "/admin/plugins/{pluginId}", plugin, admin, jar, greeter11, false);
        c.expectRaw(409, "PUT", "/admin/plugins/{pluginId}", plugin, admin, jar, greeter11, false);
        c.expectRaw(400, "PUT", "/admin/plugins/{pluginId}", plugin, admin, jar, counter, false);
        c.expect(200, "POST", "/admin/plugins/{pluginId}/disable", plugin, admin, null);
        c.expect(403, "POST", "/admin/plugins/{pluginId}/disable", plugin, townAdmin, null);
        c.expect(404, "GET", "/plugins/{pluginId}/{path}", hello, member, null);
        c.expect(200, "POST", "/admin/plugins/{pluginId}/enable", plugin, admin, null);
        c.expect(204, "DELETE", "/admin/plugins/{pluginId}", plugin, admin, null);
        c.expect(404, "DELETE", "/admin/plugins/{pluginId}", plugin, admin, null);
        c.expect(204, "DELETE", "/admin/plugins/{pluginId}", Map.of("pluginId", "counter"), admin, null);

        c.expect(403, "DELETE", "/rooms/{roomId}", room, member, null);
        c.expect(204, "DELETE", "/rooms/{roomId}", room, townAdmin, null);
        c.expect(404, "GET", "/rooms/{roomId}", room, townAdmin, null);

        // every documented operation succeeded at least once
        Set<String> neverSucceeded = new TreeSet<>();
        forEachOperation((name, op) -> {
            if (!c.succeeded.contains(name)) {
                neverSucceeded.add(name);
            }
        });
        assertThat(neverSucceeded).as("operations this tour never saw succeed; extend it").isEmpty();
    }

    /** Calls the real server and checks each answer against the document. */
    private static final class Calls {
        final Set<String> succeeded = new LinkedHashSet<>();

        TestServer.Reply call(String method, String template, Map<String, String> params, String token, Object body) {
            TestServer.Reply r = t.send(method, "/api/v1" + expand(template, params), token, body);
            conforms(method, template, r.status(), r.raw().headers().firstValue("Content-Type"), r.raw().body(), r.raw().headers().map());
            return r;
        }

        TestServer.Reply expect(int status, String method, String template, Map<String, String> params, String token, Object body) {
            TestServer.Reply r = call(method, template, params, token, body);
            assertThat(r.status()).as("%s %s: %s", method, template, r.raw().body()).isEqualTo(status);
            return r;
        }

        void expectRaw(int status, String method, String template, Map<String, String> params, String token, String contentType,
                       byte[] body, boolean expectContinue) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(t.uri("/api/v1" + expand(template, params)))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                    .expectContinue(expectContinue);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s %s: %s", method, template, r.body()).isEqualTo(status);
            conforms(method, template, r.statusCode(), r.headers().firstValue("Content-Type"), r.body(), r.headers().map());
        }

        private void conforms(String method, String template, int status, Optional<String> contentType, String body,
                              Map<String, List<String>> headers) {
            String name = method + " " + template;
            JsonNode op = operation(name);
            assertThat(op.isMissingNode()).as("%s is documented", name).isFalse();
            JsonNode response = op.path("responses").path(String.valueOf(status));
            assertThat(response.isMissingNode()).as("%s answered %d, which the document does not list: %s", name, status, body).isFalse();
            response = deref(response);
            JsonNode content = response.path("content");
            if (body == null || body.isEmpty()) {
                assertThat(content.size()).as("%s %d is documented with a body but had none", name, status).isZero();
            } else {
                String media = contentType.map(v -> v.split(";")[0].trim()).orElse("");
                JsonNode schema = content.path(media).path("schema");
                assertThat(schema.isMissingNode()).as("%s %d answered %s, documented are %s", name, status, media, content).isFalse();
                JsonNode json;
                try {
                    json = JSON.readTree(body);
                } catch (IOException e) {
                    throw new AssertionError(name + " " + status + " answered no JSON: " + body, e);
                }
                List<String> errors = new ArrayList<>();
                validate(json, schema, "body", true, errors);
                assertThat(errors).as("%s %d: %s", name, status, body).isEmpty();
            }
            response.path("headers").fieldNames().forEachRemaining(h -> assertThat(headers.keySet().stream().anyMatch(h::equalsIgnoreCase))
                    .as("%s %d sends the documented header %s", name, status, h).isTrue());
            if (status >= 200 && status < 300) {
                succeeded.add(name);
            }
        }

        private static String expand(String template, Map<String, String> params) {
            Matcher m = PARAM.matcher(template);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = params.get(m.group(1));
                assertThat(value).as("a value for {%s}", m.group(1)).isNotNull();
                m.appendReplacement(sb, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------ the document, navigated

    private static void forEachOperation(BiConsumer<String, JsonNode> action) {
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                action.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
    }

    private static JsonNode operation(String methodAndPath) {
        int space = methodAndPath.indexOf(' ');
        return doc.path("paths").path(methodAndPath.substring(space + 1)).path(methodAndPath.substring(0, space).toLowerCase());
    }

    private static JsonNode effectiveSecurity(JsonNode op) {
        return op.has("security") ? op.get("security") : doc.path("security");
    }

    /** True when at least one way of calling the operation needs credentials, so that 401 is a possible answer. */
    private static boolean requiresAuthentication(JsonNode op) {
        for (JsonNode requirement : effectiveSecurity(op)) {
            if (requirement.size() > 0) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode deref(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 20 && n.has("$ref"); i++) {
            String ref = n.get("$ref").asText();
            assertThat(ref).as("local $ref").startsWith("#/");
            n = doc.at(JsonPointer.compile(ref.substring(1)));
            assertThat(n.isMissingNode()).as("$ref %s resolves", ref).isFalse();
        }
        return n;
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode s = deref(schema);
        Set<String> types = new TreeSet<>();
        JsonNode type = s.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(x -> types.add(x.asText()));
        for (String kw : List.of("anyOf", "oneOf")) {
            s.path(kw).forEach(branch -> types.addAll(types(branch)));
        }
        return types;
    }

    private static JsonNode propertiesOf(JsonNode schema) {
        JsonNode s = deref(schema);
        if (s.has("properties")) {
            return s.get("properties");
        }
        for (String kw : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : s.path(kw)) {
                JsonNode p = propertiesOf(branch);
                if (p.size() > 0) {
                    return p;
                }
            }
        }
        return JSON.createObjectNode();
    }

    private static JsonNode itemsOf(JsonNode schema) {
        JsonNode s = deref(schema);
        if (s.has("items")) {
            return s.get("items");
        }
        for (String kw : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : s.path(kw)) {
                JsonNode items = itemsOf(branch);
                if (items != null) {
                    return items;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ a small JSON Schema check

    /**
     * The subset of JSON Schema the document uses: $ref, anyOf/oneOf, type, enum, string lengths, pattern and
     * formats, number bounds, items, required, properties and additionalProperties. With {@code exact}, an object
     * must carry every documented property and no other (what the server's responses do).
     */
    private static void validate(JsonNode value, JsonNode schemaOrRef, String at, boolean exact, List<String> errors) {
        if (schemaOrRef.has("$ref")) {
            validate(value, deref(schemaOrRef), at, exact, errors);
        }
        JsonNode s = schemaOrRef;
        for (String kw : List.of("anyOf", "oneOf")) {
            if (s.has(kw)) {
                int matching = 0;
                List<String> why = new ArrayList<>();
                for (JsonNode branch : s.get(kw)) {
                    List<String> e = new ArrayList<>();
                    validate(value, branch, at, exact, e);
                    if (e.isEmpty()) {
                        matching++;
                    } else {
                        why.addAll(e);
                    }
                }
                if (matching == 0 || (kw.equals("oneOf") && matching > 1)) {
                    errors.add(at + ": matches " + matching + " of the " + kw + " branches " + why);
                }
            }
        }
        if (s.has("type")) {
            Set<String> allowed = new TreeSet<>();
            if (s.get("type").isTextual()) {
                allowed.add(s.get("type").asText());
            }
            s.get("type").forEach(x -> allowed.add(x.asText()));
            if (allowed.stream().noneMatch(type -> hasType(value, type))) {
                errors.add(at + ": " + value.getNodeType() + " " + abbreviate(value) + " is not " + allowed);
                return;
            }
        }
        if (s.has("enum")) {
            boolean listed = false;
            for (JsonNode option : s.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + s.get("enum"));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (s.has("minLength") && length < s.get("minLength").asInt()) {
                errors.add(at + ": shorter than " + s.get("minLength").asInt());
            }
            if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
                errors.add(at + ": longer than " + s.get("maxLength").asInt());
            }
            if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
                errors.add(at + ": '" + abbreviate(value) + "' does not match " + s.get("pattern").asText());
            }
            String format = s.path("format").asText();
            if (!format.isEmpty() && !hasFormat(text, format)) {
                errors.add(at + ": '" + abbreviate(value) + "' is not a " + format);
            }
        }
        if (value.isNumber()) {
            if (s.has("minimum") && value.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
                errors.add(at + ": below " + s.get("minimum"));
            }
            if (s.has("maximum") && value.decimalValue().compareTo(s.get("maximum").decimalValue()) > 0) {
                errors.add(at + ": above " + s.get("maximum"));
            }
        }
        if (value.isArray()) {
            if (s.has("minItems") && value.size() < s.get("minItems").asInt()) {
                errors.add(at + ": fewer than " + s.get("minItems") + " items");
            }
            if (s.has("maxItems") && value.size() > s.get("maxItems").asInt()) {
                errors.add(at + ": more than " + s.get("maxItems") + " items");
            }
            if (s.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), s.get("items"), at + "[" + i + "]", exact, errors);
                }
            }
        }
        if (value.isObject()) {
            s.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    errors.add(at + ": lacks the required property " + r.asText());
                }
            });
            JsonNode props = s.path("properties");
            value.properties().forEach(e -> {
                if (props.has(e.getKey())) {
                    validate(e.getValue(), props.get(e.getKey()), at + "." + e.getKey(), exact, errors);
                } else if ((exact && s.has("properties")) || (s.path("additionalProperties").isBoolean() && !s.get("additionalProperties").asBoolean())) {
                    errors.add(at + ": has the undocumented property " + e.getKey());
                }
            });
            if (exact) {
                props.fieldNames().forEachRemaining(p -> {
                    if (!value.has(p)) {
                        errors.add(at + ": lacks the documented property " + p);
                    }
                });
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> throw new AssertionError("unknown JSON Schema type " + type);
        };
    }

    private static boolean hasFormat(String text, String format) {
        try {
            return switch (format) {
                case "date-time" -> OffsetDateTime.parse(text) != null;
                case "uuid" -> text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
                case "uri" -> new URI(text).isAbsolute();
                default -> true;
            };
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(JsonNode v) {
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
