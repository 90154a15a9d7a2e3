package dev.rex.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A request announcing a body over {@code quarkus.http.limits.max-body-size} is a 413 problem+json that says the
 * limit. Quarkus's own check answers 413 with an empty body before any REST filter runs, so this one runs just
 * before it (route order {@value #ORDER}); it closes the connection as Quarkus does, without reading the body.
 */
@Singleton
public class BodySizeLimit {
    /** Quarkus's limit handler has order -2 ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}). */
    static final int ORDER = -3;

    private final Optional<MemorySize> limit;
    private final ObjectMapper json = new ObjectMapper();

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        if (limit.isEmpty()) return;
        long max = limit.get().asLongValue();
        router.route().order(ORDER).handler(ctx -> check(ctx, max));
    }

    private void check(RoutingContext ctx, long max) {
        String announced = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = announced == null ? -1 : Long.parseLong(announced.trim());
        } catch (NumberFormatException e) {
            length = -1; // not ours to judge: the HTTP server refuses a malformed Content-Length itself
        }
        if (length <= max) {
            ctx.next();
            return;
        }
        Problem p = new Problem("about:blank", "Request Entity Too Large", 413, "the request body is " + length
                + " bytes; at most " + max + " are accepted (quarkus.http.limits.max-body-size)",
                ctx.request().path(), "body", null);
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> ctx.request().connection().close());
    }
}
