package dev.rex.service.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Pattern;

/**
 * Before routing: a path or query string carrying a control character (NUL above all, which file APIs refuse with
 * an exception) is a 400 here, so no resource ever sees one.
 */
public class UnsafeRequestFilter {
    /** Percent-encoded C0 controls and DEL, or a raw one. */
    private static final Pattern CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])|[\\x00-\\x1f\\x7f]");

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (path != null && CONTROL.matcher(path).find()) {
            return Problems.badRequest("path", "the request path contains a control character (e.g. NUL, %00)",
                    null);
        }
        if (query != null && CONTROL.matcher(query).find()) {
            return Problems.badRequest("query", "a query parameter contains a control character (e.g. NUL, %00)",
                    null);
        }
        return null;
    }
}
