package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.Decision;
import jakarta.ws.rs.core.Response;

/** Turns the gate's refusal into a Jakarta REST response, header for header. Stateless. */
final class Refusals {
    private Refusals() {
    }

    static Response of(Decision.Refuse refuse) {
        Response.ResponseBuilder response = Response.status(refuse.status())
                .type(Decision.Body.CONTENT_TYPE)
                .entity(refuse.body().text());
        for (Decision.Header header : refuse.headers()) {
            response.header(header.name(), header.value());
        }
        return response.build();
    }
}
