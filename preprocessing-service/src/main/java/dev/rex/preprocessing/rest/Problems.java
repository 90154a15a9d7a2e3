package dev.rex.preprocessing.rest;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 400 answers: {@code {"error": what happened, "problems": [each problem, naming qid and field]}}. */
public final class Problems {
    private Problems() {
    }

    public static Response badRequest(String error) {
        return badRequest(error, List.of());
    }

    public static Response badRequest(String error, List<?> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (!problems.isEmpty()) body.put("problems", problems);
        return Response.status(Response.Status.BAD_REQUEST).entity(body).type("application/json").build();
    }
}
