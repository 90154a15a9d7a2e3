package dev.rex.service.rest;

import java.util.List;
import java.util.Map;

/**
 * A request a resource refuses: becomes a {@link Problem} with this status ({@link ProblemMappers}). Resources throw
 * it instead of building error responses, so every refusal has the same shape.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String field;
    private final List<?> problems;
    private final Map<String, String> headers;

    public ProblemException(int status, String field, String detail, List<?> problems, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.field = field;
        this.problems = problems == null || problems.isEmpty() ? null : List.copyOf(problems);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 400 naming the request field at fault. */
    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, field, detail, null, null);
    }

    /** 400 listing several problems (each naming its own field). */
    public static ProblemException badRequest(String detail, List<?> problems) {
        return new ProblemException(400, null, detail, problems, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, null, detail, null, null);
    }

    /** A bounded queue is full: 503 with {@code Retry-After} in seconds. */
    public static ProblemException busy(String detail, long retryAfterSeconds) {
        return new ProblemException(503, null, detail, null, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public List<?> problems() {
        return problems;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
