package dev.rex.service.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;
import java.util.Set;

/**
 * Every state-changing request (POST, PUT, PATCH, DELETE) of every REX service needs
 * {@code Authorization: Bearer <key>} ({@link ApiKey}): without it or with another key, 401; on a service that has
 * no key configured, 503 (the service is not set up to take writes; the body says which setting is missing). Reads
 * are open unless {@code rex.api.reads-need-key=true}.
 */
public class ApiKeyFilter {
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"rex\"");

    private final ApiKey key;
    private final ApiConfig config;

    public ApiKeyFilter(ApiKey key, ApiConfig config) {
        this.key = key;
        this.config = config;
    }

    @ServerRequestFilter
    public Response requireKey(ContainerRequestContext request) {
        boolean write = WRITES.contains(request.getMethod());
        if (!write && !config.readsNeedKey()) return null;
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!key.configured()) {
            return Problems.of(503, "Authorization", "this service has no API key configured, so it refuses "
                    + (write ? "writes" : "requests") + ": set rex.api.key (env REX_API_KEY) or rex.api.key-file "
                    + "(env REX_API_KEY_FILE); ./rex up generates one per run", null, path);
        }
        String given = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (key.accepts(given)) return null;
        return Problems.of(401, "Authorization", given == null
                ? "this request needs the API key: send the header 'Authorization: Bearer <key>' (the key of ./rex up "
                + "is in .rex/run-*/api-key, or in REX_API_KEY)"
                : "the API key given in the Authorization header is not this service's key", null, path, CHALLENGE);
    }
}
