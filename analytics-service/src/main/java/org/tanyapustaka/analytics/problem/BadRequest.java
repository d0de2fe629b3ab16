package org.tanyapustaka.analytics.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request the caller can fix, answered 400 as RFC 9457 problem JSON. */
public class BadRequest extends WebApplicationException {

    public BadRequest(String title, String detail) {
        super(detail, Response.status(400).type("application/problem+json").entity(problem(title, detail)).build());
    }

    private static Map<String, Object> problem(String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", 400);
        problem.put("detail", detail);
        return problem;
    }
}
