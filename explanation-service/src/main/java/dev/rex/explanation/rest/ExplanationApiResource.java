package dev.rex.explanation.rest;

import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.explanation.persistence.StoredRecord;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

/**
 * The GQA-REX records the service stored: {@code GET /api/explanations/{qid}} (every stage, or the drop /
 * rejection) and {@code GET /api/explanations?split=&status=&page=&size=} (arrival order, paged).
 */
@Path("/api/explanations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ExplanationApiResource {
    private static final Set<String> STATUSES = Set.of("PENDING", "EXPLAINED", "REJECTED", "DROPPED");
    private static final int MAX_SIZE = 1000;

    /** One page of records. */
    public record Page(int page, int size, long total, List<StoredRecord> items) {
    }

    private final ExplanationRepository explanations;

    public ExplanationApiResource(ExplanationRepository explanations) {
        this.explanations = explanations;
    }

    @GET
    @Path("/{qid}")
    public StoredRecord get(@PathParam("qid") String qid) {
        return explanations.find(qid).orElseThrow(() -> new NotFoundException("no record for qid " + qid));
    }

    @GET
    public Page list(@QueryParam("split") String split, @QueryParam("status") String status,
                     @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + STATUSES + ", was '" + status + "'");
        }
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new BadRequestException("page must be >= 0 and size in 1.." + MAX_SIZE + ", were " + page + ", " + size);
        }
        return new Page(page, size, explanations.count(split, status),
                explanations.page(split, status, page * size, size));
    }
}
