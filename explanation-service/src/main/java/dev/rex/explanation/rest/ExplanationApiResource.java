package dev.rex.explanation.rest;

import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.explanation.persistence.StoredRecord;
import io.smallrye.common.annotation.Blocking;
import dev.rex.service.StoredJson;
import dev.rex.service.rest.ProblemException;
import dev.rex.service.rest.RequestLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

/**
 * The GQA-REX records the service stored: {@code GET /api/explanations/{qid}} (every stage, or the drop /
 * rejection), {@code GET /api/explanations/{qid}/program} (the abstracted program) and
 * {@code GET /api/explanations?split=&status=&page=&size=} (arrival order, paged).
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
    @Operation(summary = "Every stage of a qid's GQA-REX record, or its drop / rejection")
    public StoredRecord get(@PathParam("qid") @Size(max = RequestLimits.MAX_QID_CHARS) String qid) {
        return explanations.find(qid).orElseThrow(() -> ProblemException.notFound("no record for qid " + qid));
    }

    @GET
    @Path("/{qid}/program")
    @Operation(summary = "The abstracted program the explanation of a qid was made from")
    public Response program(@PathParam("qid") @Size(max = RequestLimits.MAX_QID_CHARS) String qid) {
        return StoredJson.orNotFound(explanations.findProgramJson(qid), "program for " + qid);
    }

    @GET
    @Operation(summary = "Stored records in arrival order, paged (size 1..1000)")
    public Page list(@QueryParam("split") @Size(max = 64) String split, @QueryParam("status") String status,
                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                     @QueryParam("size") @DefaultValue("100") @Min(1) @Max(MAX_SIZE) int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status", "status must be one of " + new java.util.TreeSet<>(STATUSES)
                    + ", was " + RequestLimits.excerpt(status));
        }
        return new Page(page, size, explanations.count(split, status),
                explanations.page(split, status, page * size, size));
    }
}
