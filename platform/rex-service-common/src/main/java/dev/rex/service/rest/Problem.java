package dev.rex.service.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The one error shape of every REX service: an RFC 9457 problem detail ({@code application/problem+json}).
 * {@code field} names the request part at fault (a JSON field, query parameter or header) when there is one;
 * {@code problems} lists each problem of a request that has several.
 *
 * @param type     {@code about:blank} (the status says it all) or a {@code urn:rex:problem:*} naming the kind
 * @param title    the status's phrase, or the kind's short name
 * @param status   the HTTP status
 * @param detail   what was wrong and how to fix it; never quotes the content of a file
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
                      List<?> problems) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
