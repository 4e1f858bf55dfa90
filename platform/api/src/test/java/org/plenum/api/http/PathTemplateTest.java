package org.plenum.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @Test
    void matchesSegmentBySegmentAndDecodesParameters() {
        PathTemplate t = PathTemplate.parse("/votes/{voteId}/report");
        assertThat(t.parameterNames()).containsExactly("voteId");
        assertThat(t.match("/votes/7f3a/report")).contains(Map.of("voteId", "7f3a"));
        assertThat(t.match("/votes/Gr%C3%BC%C3%9Fe%2F1/report")).contains(Map.of("voteId", "Grüße/1"));
        assertThat(t.match("/votes/7f3a")).isEmpty();
        assertThat(t.match("/votes//report")).isEmpty();
        assertThat(t.match("/votes/7f3a/report/")).isEmpty();
        assertThat(t.match("/VOTES/7f3a/report")).isEmpty();
        assertThat(t.match("votes/7f3a/report")).isEmpty();
    }

    @Test
    void malformedPercentEncodingDoesNotMatch() {
        PathTemplate t = PathTemplate.parse("/votes/{voteId}");
        assertThat(t.match("/votes/%")).isEmpty();
        assertThat(t.match("/votes/%zz")).isEmpty();
        assertThat(t.match("/votes/%C3")).isEmpty();
        assertThat(t.match("/votes/%FF%FE")).isEmpty();
        assertThat(t.match("/votes/ü")).isEmpty();
    }

    @Test
    void rootTemplateMatchesOnlyTheRoot() {
        PathTemplate root = PathTemplate.parse("/");
        assertThat(root.match("/")).contains(Map.of());
        assertThat(root.match("/x")).isEmpty();
    }

    @Test
    void literalSegmentsWinOverParameters() {
        List<PathTemplate> templates = new ArrayList<>(List.of(
                PathTemplate.parse("/votes/{voteId}"), PathTemplate.parse("/votes/current"), PathTemplate.parse("/{any}/current")));
        templates.sort(PathTemplate.mostSpecificFirst());
        PathTemplate chosen = templates.stream().filter(t -> t.match("/votes/current").isPresent()).findFirst().orElseThrow();
        assertThat(chosen.template()).isEqualTo("/votes/current");
        assertThat(templates).extracting(PathTemplate::template).containsExactly("/votes/current", "/votes/{voteId}", "/{any}/current");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''|required",
            "votes|must start with '/'",
            "/votes/|must not end with '/'",
            "/votes//x|empty segment",
            "/votes/{id}/{id}|names the parameter 'id' twice",
            "/votes/{1id}|parameter name '1id'",
            "/votes/{}|parameter name ''",
            "/votes/a b|segment 'a b'",
            "/votes/..|segment '..'",
            "/votes/{id|segment '{id'",
            "/vötes|segment 'vötes'"})
    void refusesBadTemplates(String template, String expected) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }
}
