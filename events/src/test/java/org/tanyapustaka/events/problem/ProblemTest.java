package org.tanyapustaka.events.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesTheStandardMembersInOrderAndLeavesOutNulls() throws Exception {
        String written = json.writeValueAsString(Problem.of(404, "Not found", "No record 7."));
        assertThat(written).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"No record 7.\"}");
        assertThat(json.writeValueAsString(Problem.of(503, "Unavailable", null)))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unavailable\",\"status\":503}");
        assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
    }

    @Test
    void writesExtensionMembersAtTheTopLevel() throws Exception {
        Problem problem = new Problem("https://tanyapustaka.example/problems/invalid-fields", "Invalid fields", 400,
                "Two fields are wrong.", "/api/faq/12", Map.of()).with("errors",
                        List.of(Map.of("field", "intent", "message", "unknown"))).with("ignored", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = json.readValue(json.writeValueAsString(problem), Map.class);
        assertThat(read).containsOnlyKeys("type", "title", "status", "detail", "instance", "errors")
                .containsEntry("instance", "/api/faq/12").containsEntry("status", 400)
                .containsEntry("errors", List.of(Map.of("field", "intent", "message", "unknown")));
        assertThat(problem.extensions()).containsOnlyKeys("errors");
    }

    @Test
    void refusesWhatIsNotAProblem() {
        assertThatThrownBy(() -> Problem.of(200, "OK", "fine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Problem.of(400, null, "no title")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Problem.of(400, "Bad", "x").with("status", 500))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
