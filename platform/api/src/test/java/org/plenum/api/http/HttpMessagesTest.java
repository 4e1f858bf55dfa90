package org.plenum.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.junit.jupiter.api.Test;

class HttpMessagesTest {

    private static final Caller ADA = new Caller(UUID.randomUUID(), UUID.randomUUID(), "Ada", CallerRole.MEMBER);

    private static HttpRequest request(String body, Optional<Caller> caller) {
        return new HttpRequest(HttpMethod.POST, "/drafts/d1/notes", Map.of("draftId", "d1"), Map.of("limit", List.of("5", "6")),
                Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("a")), caller, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestGivesParametersHeadersAndJson() {
        HttpRequest r = request("{\"text\":\"hi\"}", Optional.of(ADA));
        assertThat(r.pathParameter("draftId")).isEqualTo("d1");
        assertThat(r.queryParameter("limit")).contains("5");
        assertThat(r.queryParameter("nope")).isEmpty();
        assertThat(r.header("content-type")).contains("application/json");
        assertThat(r.header("X-TRACE")).contains("a");
        assertThat(r.jsonObjectBody().getString("text")).isEqualTo("hi");
        assertThat(r.requireCaller()).isEqualTo(ADA);
        assertThat(r.toString()).doesNotContain("hi");
    }

    @Test
    void requestBodyProblemsAreJsonExceptionsForA400() {
        assertThatThrownBy(() -> request("", Optional.of(ADA)).jsonBody()).isInstanceOf(JsonException.class).hasMessageContaining("needs a JSON body");
        assertThatThrownBy(() -> request("{", Optional.of(ADA)).jsonBody()).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> request("[]", Optional.of(ADA)).jsonObjectBody()).hasMessageContaining("expected an object");
    }

    @Test
    void anonymousCallerOnAPublicRouteIsA401WhenRequired() {
        assertThatThrownBy(() -> request("", Optional.empty()).requireCaller())
                .isInstanceOfSatisfying(HttpProblemException.class, p -> assertThat(p.status()).isEqualTo(401));
    }

    @Test
    void askingForAnUndeclaredPathParameterIsAProgrammingError() {
        assertThatThrownBy(() -> request("", Optional.of(ADA)).pathParameter("voteId")).hasMessageContaining("no path parameter 'voteId'");
    }

    @Test
    void responsesCarryJsonOrBytes() {
        HttpResponse ok = HttpResponse.ok(JsonObject.of("b", 2, "a", 1));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).contains("application/json");
        assertThat(ok.bodyText()).isEqualTo("{\"a\":1,\"b\":2}");

        HttpResponse created = HttpResponse.created("/votes/1", JsonObject.of());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("location")).contains("/votes/1");

        HttpResponse pdf = HttpResponse.attachment("application/pdf", "report-7.pdf", new byte[] {1, 2});
        assertThat(pdf.header("content-disposition")).contains("attachment; filename=\"report-7.pdf\"");
        assertThat(HttpResponse.noContent().body()).isEmpty();
    }

    @Test
    void pluginsCannotSetHostOwnedOrInjectedHeaders() {
        assertThatThrownBy(() -> new HttpResponse(200, Map.of("Set-Cookie", "a=b"), new byte[0])).hasMessageContaining("set by the host");
        assertThatThrownBy(() -> new HttpResponse(200, Map.of("Access-Control-Allow-Origin", "*"), new byte[0])).hasMessageContaining("set by the host");
        assertThatThrownBy(() -> new HttpResponse(200, Map.of("x-a", "1\r\nSet-Cookie: a=b"), new byte[0])).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> new HttpResponse(200, Map.of("bad header", "1"), new byte[0])).hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> HttpResponse.attachment("application/pdf", "../../etc\"x.pdf", new byte[0])).hasMessageContaining("file name");
        assertThatThrownBy(() -> new HttpResponse(99, Map.of(), new byte[0])).hasMessageContaining("200 to 599");
    }

    @Test
    void problemsBecomeTheCoresProblemJson() {
        HttpResponse r = HttpResponse.problem(HttpProblemException.notFound("no such vote"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("content-type")).contains("application/problem+json");
        JsonObject body = r.jsonBody().asObject();
        assertThat(body.getString("code")).isEqualTo("not_found");
        assertThat(body.getString("detail")).isEqualTo("no such vote");
        assertThat(body.getInt("status")).isEqualTo(404);
        assertThatThrownBy(() -> new HttpProblemException(302, "x")).hasMessageContaining("4xx or 5xx");
    }

    @Test
    void callerRolesAreOrderedByPrivilege() {
        assertThat(CallerRole.TENANT_ADMIN.atLeast(CallerRole.MODERATOR)).isTrue();
        assertThat(CallerRole.MEMBER.atLeast(CallerRole.MODERATOR)).isFalse();
        assertThat(CallerRole.PLATFORM_ADMIN.wireName()).isEqualTo("platform_admin");
    }
}
