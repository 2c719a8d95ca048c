package dev.pat4j.web.internal.forward;

import dev.pat4j.http.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The request the proxy asks about, as {@link dev.pat4j.http.RequestGate} sees it: the method
 * and URI are the original request's, taken from the headers the proxy set; the headers
 * ({@code Authorization}, an organization header) are those the proxy passed on. A URI that is
 * missing, named twice with different values, or not percent-decodable leaves an empty path,
 * which the gate refuses with 400 as it does any path that is not canonical. For one request on
 * one thread.
 */
final class ForwardedRequest implements RequestView {
    static final String METHOD_HEADER = "X-Forwarded-Method";
    static final String URI_HEADER = "X-Forwarded-Uri";
    static final String ORIGINAL_URI_HEADER = "X-Original-URI";
    /** The same method grammar as {@link dev.pat4j.http.AccessRules}: what no rule could match is refused. */
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,31}");

    private final HttpServletRequest request;
    private final @Nullable String method;
    private final String rawPath;
    private final String path;

    private ForwardedRequest(HttpServletRequest request, @Nullable String method, String rawPath) {
        this.request = request;
        this.method = method;
        this.rawPath = rawPath;
        this.path = rawPath.isEmpty() ? "" : decode(rawPath);
    }

    static ForwardedRequest of(HttpServletRequest request) {
        List<String> methods = values(request, METHOD_HEADER);
        String method = methods.isEmpty() ? request.getMethod() : methods.size() == 1 ? methods.get(0) : null;
        if (method != null && !METHOD.matcher(method).matches()) {
            method = null;
        }
        Set<String> uris = new LinkedHashSet<>();
        int sent = 0;
        for (String name : new String[] {URI_HEADER, ORIGINAL_URI_HEADER}) {
            List<String> named = values(request, name);
            if (named.size() > 1) {
                return new ForwardedRequest(request, method, "");
            }
            uris.addAll(named);
            sent += named.size();
        }
        if (uris.size() != 1 || sent == 0) {
            return new ForwardedRequest(request, method, "");
        }
        String uri = uris.iterator().next();
        int query = uri.indexOf('?');
        return new ForwardedRequest(request, method, query < 0 ? uri : uri.substring(0, query));
    }

    /** Whether the proxy named one well-formed method (else the request is refused). */
    boolean hasValidMethod() {
        return method != null;
    }

    @Override
    public String method() {
        return method == null ? "-" : method;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<String> headers(String name) {
        return values(request, name);
    }

    @Override
    public @Nullable String remoteAddress() {
        return request.getRemoteAddr();
    }

    static List<String> values(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null) {
            String single = request.getHeader(name);
            return single == null ? List.of() : List.of(single);
        }
        List<String> out = new ArrayList<>(1);
        while (values.hasMoreElements()) {
            out.add(values.nextElement());
        }
        return out;
    }

    /**
     * Percent-decodes a raw path as UTF-8; empty (not canonical) for a broken escape or bytes
     * that are not UTF-8. The gate judges the raw form first, so only canonical paths get here
     * in a decision.
     */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int lo = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    return "";
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7F) {
                return "";
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
    }

    /** An ASCII hex digit's value, else -1 ({@link Character#digit} would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
