package org.tanyapustaka.events.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Throw to answer a {@link Problem}: JAX-RS sends its response, with {@value Problem#MEDIA_TYPE} as content type. */
public class ProblemException extends WebApplicationException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), response(problem).build());
        this.problem = problem;
    }

    public ProblemException(int status, String title, String detail) {
        this(Problem.of(status, title, detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }

    /** A 400 whose title names what was wrong (e.g. "Invalid date"). */
    public static ProblemException badRequest(String title, String detail) {
        return new ProblemException(400, title, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** A response answering the problem, for resources that return rather than throw, or add headers. */
    public static Response.ResponseBuilder response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    public Problem problem() {
        return problem;
    }
}
