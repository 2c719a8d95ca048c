package dev.pat4j.web.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem the API answers with: status, a stable {@code code} (Azure DevOps' names
 * where one fits), a title per code, a detail written by pat4j (never an echo of what the client
 * sent, unless {@link #safeEcho} let it through) and extension members. Thrown by handlers,
 * written by the servlet.
 */
public final class ApiProblem extends RuntimeException {
    /** Text the API may repeat back: short, plain names (field, scope, parameter names). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:*-]{1,64}");

    private final int status;
    private final String code;
    private final String title;
    private final transient Map<String, Object> extensions = new LinkedHashMap<>();
    private final transient @Nullable String retryAfter;

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, null);
    }

    private ApiProblem(int status, String code, String title, String detail, @Nullable String retryAfter) {
        super(detail, null, false, false); // no stack: a problem is an answer, not a fault
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(400, code, "Bad request", detail);
    }

    public static ApiProblem notFound() {
        return new ApiProblem(404, "tokenNotFound", "Token not found",
                "there is no such token, or it is not yours");
    }

    public static ApiProblem forbidden(String code, String detail) {
        return new ApiProblem(403, code, "Forbidden", detail);
    }

    public static ApiProblem unavailable(long retryAfterSeconds) {
        return new ApiProblem(503, "storeUnavailable", "Service unavailable",
                "the token store cannot be reached; try again later", Long.toString(retryAfterSeconds));
    }

    /** Adds an extension member. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** {@code text} if it is a short plain name that is safe to repeat, else null. */
    public static @Nullable String safeEcho(@Nullable String text) {
        return text != null && SAFE.matcher(text).matches() ? text : null;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public @Nullable String retryAfter() {
        return retryAfter;
    }

    /** The problem document. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:pat4j:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("code", code);
        body.put("instance", instance);
        body.putAll(extensions);
        return body;
    }
}
