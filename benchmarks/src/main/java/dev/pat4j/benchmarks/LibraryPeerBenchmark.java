package dev.pat4j.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pat4j.store.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What users pick instead of pat4j, on the same number of live tokens as pat4j's hit: a
 * stateless HS256 JWT verified with auth0 java-jwt and with Nimbus JOSE+JWT (no revocation, so
 * no lookup), and a Jenkins-style API token check (unsalted SHA-256 of the secret compared with
 * each of the user's stored hashes). Each peer gets a {@code Bearer}/{@code Basic} header laid
 * out in visiting order (as {@link Requests} does for pat4j), strips the scheme and returns the
 * principal it would hand the application: owner, token id, organization, scopes, expiry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class LibraryPeerBenchmark {
    /** Tokens per Jenkins user: the check compares the secret's hash with each of them. */
    static final int JENKINS_TOKENS_PER_USER = 10;
    static final String BEARER = "Bearer ";
    static final String BASIC = "Basic ";

    /** What a JWT peer hands the application: the claims pat4j's principal carries. */
    public record JwtPrincipal(String owner, String tokenId, String organization, String scopes, Instant expiresAt) {
    }

    /**
     * One HS256 JWT per token of the set, carrying its owner (subject), id (jti), organization
     * ({@code org}, absent for the tokens bound to none), scopes ({@code scope}) and expiry: signed
     * once by java-jwt, verified by both libraries (the same strings, so the two peers do the same work).
     */
    @State(Scope.Benchmark)
    public static class Jwts {
        @Param({"1000", "100000"})
        public int tokens;

        TokenSet set;
        byte[] key;
        JWTVerifier javaJwt;
        JWSVerifier nimbus;
        /** {@code Bearer <jwt>} at each position, in visiting order. */
        String[] bearer;
        /** The same tokens with one character of the signature changed. */
        String[] forged;

        @Setup(Level.Trial)
        public void setup() {
            set = TokenSet.generate(tokens);
            key = new byte[32]; // HS256 wants a 256-bit key; Nimbus refuses less
            new Random(20261202L).nextBytes(key);
            Algorithm algorithm = Algorithm.HMAC256(key);
            javaJwt = JWT.require(algorithm).build();
            try {
                nimbus = new MACVerifier(key);
            } catch (JOSEException e) {
                throw new IllegalStateException("Nimbus refuses the key", e);
            }
            String[] jwt = new String[tokens];
            for (int i = 0; i < tokens; i++) {
                StoredToken t = set.stored[i];
                jwt[i] = JWT.create().withSubject(t.owner()).withJWTId(t.id()).withClaim("org", t.organization())
                        .withClaim("scope", t.scopes()).withExpiresAt(t.expiresAt()).sign(algorithm);
            }
            int[] order = Cursor.order(tokens);
            BenchmarkDefaults.settleHeap(); // the headers are allocated together, in visiting order
            bearer = new String[tokens];
            forged = new String[tokens];
            for (int p = 0; p < tokens; p++) {
                String token = jwt[order[p]];
                bearer[p] = BEARER + token;
                forged[p] = BEARER + token.substring(0, token.length() - 3)
                        + (token.charAt(token.length() - 3) == 'A' ? 'B' : 'A') + token.substring(token.length() - 2);
            }
            BenchmarkDefaults.settleHeap();
        }
    }

    /**
     * Jenkins-style API tokens: users of ten tokens each (the set's size in all), each token's
     * unsalted SHA-256 stored in the user's list, found by the user name of a Basic header.
     */
    @State(Scope.Benchmark)
    public static class Jenkins {
        @Param({"1000", "100000"})
        public int tokens;

        /** user name to the SHA-256 of each of the user's tokens. */
        Map<String, byte[][]> hashesByUser;
        /** {@code Basic base64(user:token)} at each position, in visiting order. */
        String[] basic;
        /** Each header with a token of the right user and the wrong secret. */
        String[] wrongSecret;

        @Setup(Level.Trial)
        public void setup() {
            TokenSet set = TokenSet.generate(tokens);
            int users = (tokens + JENKINS_TOKENS_PER_USER - 1) / JENKINS_TOKENS_PER_USER;
            hashesByUser = new HashMap<>(users * 2);
            for (int i = 0; i < tokens; i++) {
                byte[][] hashes = hashesByUser.computeIfAbsent(user(i), u -> new byte[JENKINS_TOKENS_PER_USER][]);
                hashes[i % JENKINS_TOKENS_PER_USER] = sha256(set.tokens[i]);
            }
            int[] order = Cursor.order(tokens);
            BenchmarkDefaults.settleHeap();
            basic = new String[tokens];
            wrongSecret = new String[tokens];
            for (int p = 0; p < tokens; p++) {
                int i = order[p];
                basic[p] = BASIC + base64(user(i) + ":" + set.tokens[i]);
                wrongSecret[p] = BASIC + base64(user(i) + ":" + set.tokens[(i + 1) % tokens] + "x");
            }
            BenchmarkDefaults.settleHeap();
        }

        static String user(int token) {
            return "user-" + token / JENKINS_TOKENS_PER_USER;
        }

        private static String base64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A thread's digest, reused as a server reuses one per thread. */
    @State(Scope.Thread)
    public static class Digest {
        MessageDigest sha256;

        @Setup
        public void setup() {
            sha256 = newSha256();
        }
    }

    /** java-jwt: {@code JWTVerifier.verify} (signature, then {@code exp} against its clock), then the claims. */
    @Benchmark
    public JwtPrincipal javaJwtVerify(Jwts j, Cursor c) {
        return javaJwt(j, j.bearer[c.next(j.tokens)]);
    }

    /** Nimbus: {@code SignedJWT.parse}, {@code verify(MACVerifier)}, the claims set, {@code exp} against the clock. */
    @Benchmark
    public JwtPrincipal nimbusVerify(Jwts j, Cursor c) {
        return nimbus(j, j.bearer[c.next(j.tokens)]);
    }

    /** Jenkins-style: the Basic header's user found, its token hashed once and compared with the user's hashes. */
    @Benchmark
    public String jenkinsSha256(Jenkins j, Digest d, Cursor c) {
        return jenkins(j, d.sha256, j.basic[c.next(j.tokens)]);
    }

    static JwtPrincipal javaJwt(Jwts j, String header) {
        DecodedJWT jwt = j.javaJwt.verify(scheme(header, BEARER)); // throws on a bad signature or an expired token
        return new JwtPrincipal(jwt.getSubject(), jwt.getId(), jwt.getClaim("org").asString(),
                jwt.getClaim("scope").asString(), jwt.getExpiresAtAsInstant());
    }

    static JwtPrincipal nimbus(Jwts j, String header) {
        try {
            SignedJWT jwt = SignedJWT.parse(scheme(header, BEARER));
            if (!jwt.verify(j.nimbus)) {
                throw new SecurityException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || expiry.getTime() <= System.currentTimeMillis()) {
                throw new SecurityException("expired");
            }
            return new JwtPrincipal(claims.getSubject(), claims.getJWTID(), claims.getStringClaim("org"),
                    claims.getStringClaim("scope"), expiry.toInstant());
        } catch (ParseException | JOSEException e) {
            throw new SecurityException("not a valid JWT", e);
        }
    }

    /** The matching user name, or {@code null} when the token is none of the user's. */
    static String jenkins(Jenkins j, MessageDigest sha256, String header) {
        String credentials = new String(Base64.getDecoder().decode(scheme(header, BASIC)), StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = credentials.substring(0, colon);
        byte[][] hashes = j.hashesByUser.get(user);
        if (hashes == null) {
            return null;
        }
        byte[] hash = sha256.digest(credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        for (byte[] stored : hashes) {
            if (stored != null && MessageDigest.isEqual(stored, hash)) {
                return user;
            }
        }
        return null;
    }

    private static String scheme(String header, String scheme) {
        if (!header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            throw new SecurityException("not " + scheme.strip());
        }
        return header.substring(scheme.length());
    }

    static byte[] sha256(String token) {
        return newSha256().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
