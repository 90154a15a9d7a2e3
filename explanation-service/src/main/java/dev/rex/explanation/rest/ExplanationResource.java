package dev.rex.explanation.rest;

import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.service.StoredJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Read access to what the service stored: the explanation of a qid and the program it was made from. */
@Path("/explanations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ExplanationResource {
    private final ExplanationRepository explanations;

    public ExplanationResource(ExplanationRepository explanations) {
        this.explanations = explanations;
    }

    @GET
    @Path("/{qid}")
    public Response explanation(@PathParam("qid") String qid) {
        return StoredJson.orNotFound(explanations.findExplanationJson(qid), "explanation for " + qid);
    }

    @GET
    @Path("/{qid}/program")
    public Response program(@PathParam("qid") String qid) {
        return StoredJson.orNotFound(explanations.findProgramJson(qid), "program for " + qid);
    }
}
