package dev.rex.service.rest;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Builds {@link Problem} responses: the only way a REX service answers an error. */
public final class Problems {
    private Problems() {
    }

    public static Response of(int status, String field, String detail, List<?> problems, String path) {
        return of(status, field, detail, problems, path, Map.of());
    }

    public static Response of(int status, String field, String detail, List<?> problems, String path,
                              Map<String, String> headers) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        Problem body = new Problem("about:blank", title, status, detail, path, field,
                problems == null || problems.isEmpty() ? null : problems);
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        headers.forEach(r::header);
        return r.build();
    }

    public static Response badRequest(String field, String detail, String path) {
        return of(400, field, detail, null, path);
    }

    public static Response notFound(String detail, String path) {
        return of(404, null, detail, null, path);
    }
}
