package org.tanyapustaka.routing.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** An error the caller can understand, answered as RFC 9457 problem JSON (no stack traces, no class names). */
public class Problem extends WebApplicationException {

    public Problem(int status, String title, String detail) {
        super(detail, Response.status(status).type("application/problem+json").entity(body(status, title, detail)).build());
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Invalid request", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }

    private static Map<String, Object> body(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }
}
