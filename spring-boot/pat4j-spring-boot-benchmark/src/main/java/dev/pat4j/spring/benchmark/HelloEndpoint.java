package dev.pat4j.spring.benchmark;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint measured: a fixed two-byte text body (sent with a {@code Content-Length}, which the
 * load generator needs), so what a request costs is the container, Spring MVC and the chain.
 * Stateless, so thread-safe.
 */
@RestController
public class HelloEndpoint {
    /** The path every configuration serves. */
    public static final String PATH = "/bench/hello";

    @GetMapping(value = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    String hello() {
        return "ok";
    }
}
