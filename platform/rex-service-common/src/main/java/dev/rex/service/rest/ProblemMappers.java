package dev.rex.service.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.rex.events.EventFormatException;
import dev.rex.service.ConfinedPath;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every exception a REST call can end with becomes one {@link Problem} ({@code application/problem+json}): a
 * refused request (4xx) says what was wrong and names the field; bad input never becomes a 500, and a genuine
 * internal error is a 500 whose body carries only an id to look up in the log (never an exception message, which
 * could quote data).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problems.of(e.status(), e.field(), e.getMessage(), e.problems(), path(uri), e.headers());
    }

    @ServerExceptionMapper
    public Response event(EventFormatException e, UriInfo uri) {
        return Problems.badRequest(null, e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response refusedPath(ConfinedPath.RefusedPathException e, UriInfo uri) {
        return Problems.badRequest(e.field(), e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response r = e.getResponse();
        int status = r == null ? 500 : r.getStatus();
        if (status < 400) return r;
        if (e.getCause() instanceof JsonProcessingException json) return json(json, uri);
        if (status >= 500) return internal(e, uri);
        if (status == 404 && e.getCause() instanceof IllegalArgumentException bad) {
            // JAX-RS answers a query or path parameter it cannot convert (page=abc) with 404; it is a bad request
            return Problems.badRequest(null, "a query or path parameter has the wrong type: "
                    + RequestLimits.excerpt(String.valueOf(bad.getMessage())), path(uri));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : List.of("Allow", "WWW-Authenticate", "Retry-After")) {
            if (r.getHeaderString(h) != null) headers.put(h, r.getHeaderString(h));
        }
        return Problems.of(status, null, e.getMessage(), null, path(uri), headers);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response constraints(StreamConstraintsException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName() : "[" + p.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse(null)
                : null;
        return Problems.badRequest(field, RequestLimits.describe(e), path(uri));
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> problems = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", field(v), "reason", v.getMessage())).sorted(
                        java.util.Comparator.comparing((Map<String, String> m) -> m.get("field")))
                .toList();
        String detail = problems.stream().map(p -> p.get("field") + " " + p.get("reason"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return Problems.of(400, problems.size() == 1 ? problems.get(0).get("field") : null, detail, problems,
                path(uri));
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "internal error %s on %s", id, path(uri));
        return Problems.of(500, null, "internal error " + id + "; the service log has its cause", null, path(uri));
    }

    /** The last property path node (a parameter or a field of the body), which is what a client can fix. */
    private static String field(ConstraintViolation<?> v) {
        String p = String.valueOf(v.getPropertyPath());
        String[] parts = p.split("\\.");
        // method.arg0.field → field; method.param → param
        return parts.length >= 3 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    private static String path(UriInfo uri) {
        try {
            return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
