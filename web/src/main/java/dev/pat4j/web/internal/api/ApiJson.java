package dev.pat4j.web.internal.api;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's JSON: strict on the way in (unknown fields, duplicate keys, trailing content, wrong
 * types and coercions all fail; nesting depth and sizes bounded before anything is built), and
 * plain on the way out. Failures become problems whose detail pat4j wrote: Jackson's own
 * messages quote the input, so they are never passed on. Thread-safe.
 */
public final class ApiJson {
    /** Deeper than any request body of the API needs (its deepest is 2). */
    static final int MAX_DEPTH = 16;
    static final int MAX_STRING = 4096;

    private final ObjectMapper mapper;

    public ApiJson(int maxBodyBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING)
                        .maxNameLength(256)
                        .maxNumberLength(32)
                        .maxDocumentLength(maxBodyBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
    }

    /** Reads a request body into {@code type}, or throws the problem that says what is wrong. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiProblem.badRequest("invalidJson", "the request needs a JSON body");
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ApiProblem.badRequest("invalidJson", "the body must be a JSON object");
            }
            T value = mapper.treeToValue(tree, type);
            if (value == null) {
                throw ApiProblem.badRequest("invalidJson", "the body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = ApiProblem.safeEcho(e.getPropertyName());
            ApiProblem problem = ApiProblem.badRequest("unknownField", field == null
                    ? "the body holds a field this API does not know"
                    : "the body holds the field '" + field + "', which this API does not know");
            return throwWith(problem, field);
        } catch (StreamConstraintsException e) {
            throw ApiProblem.badRequest("invalidJson", "the JSON is nested deeper than " + MAX_DEPTH
                    + " levels or holds a value longer than " + MAX_STRING + " characters");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : ApiProblem.safeEcho(e.getPath().get(0).getPropertyName());
            ApiProblem problem = ApiProblem.badRequest("invalidJson", field == null
                    ? "a field of the body has the wrong type"
                    : "the field '" + field + "' has the wrong type");
            return throwWith(problem, field);
        } catch (StreamReadException e) {
            throw ApiProblem.badRequest("invalidJson", e.getMessage() != null && e.getMessage().startsWith("Duplicate")
                    ? "the body holds a field twice" : "the body is not well-formed JSON");
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("invalidJson", "the body is not a valid request");
        }
    }

    private static <T> T throwWith(ApiProblem problem, String field) {
        if (field != null) {
            problem.with("field", field);
        }
        throw problem;
    }

    /** A response value as UTF-8 JSON. */
    public byte[] write(Object value) {
        return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }
}
