package dev.pat4j.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The request side of every operation, laid out in the order {@link Cursor} visits the tokens.
 * A server checks a header it has just parsed, which is in the processor's cache; what is cold
 * is the validator's cache, which a random one of many tokens hits. So the inputs a request
 * brings (headers, the token's bytes, a parsed id, a computed digest) are fresh copies placed in
 * visiting order, read as a stream, while what stands in for cached state (stored salts and
 * hashes, a map of every id) stays where {@link TokenSet} put it and is reached through
 * {@link #token}, in random order.
 */
public final class Requests {
    /** The index in the {@link TokenSet} of the token at each position. */
    public final int[] token;
    public final String[] bearer;
    public final String[] basic;
    public final String[] badChecksum;
    /** The token's id as a server would parse it: equal to the set's id, not the same object. */
    public final String[] id;
    public final byte[][] basicPayload;
    public final byte[][] body;
    public final byte[][] secret;
    /** The digest a check computes, as the thread's scratch buffer would hold it. */
    public final byte[][] digest;

    private Requests(TokenSet set) {
        int size = set.size;
        token = Cursor.order(size);
        bearer = new String[size];
        basic = new String[size];
        badChecksum = new String[size];
        id = new String[size];
        basicPayload = new byte[size][];
        body = new byte[size][];
        secret = new byte[size][];
        digest = new byte[size][];
        for (int p = 0; p < size; p++) { // one position at a time: each request's inputs lie together
            int i = token[p];
            bearer[p] = copy(set.bearer[i]);
            basic[p] = copy(set.basic[i]);
            badChecksum[p] = copy(set.badChecksum[i]);
            id[p] = copy(set.ids[i]);
            basicPayload[p] = set.basicPayload[i].clone();
            body[p] = set.body[i].clone();
            secret[p] = set.secret[i].clone();
            digest[p] = set.hash[i].clone();
        }
    }

    /**
     * The requests of {@code set}, in visiting order. Allocated right after full collections, so
     * no young collection (which copies in whatever order its threads reach objects) can shuffle
     * them before the state's own final collections compact them in allocation order.
     */
    public static Requests of(TokenSet set) {
        BenchmarkDefaults.settleHeap();
        return new Requests(set);
    }

    /** A string equal to {@code s} with its own characters, allocated now. */
    private static String copy(String s) {
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}
