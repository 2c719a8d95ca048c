package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter of live ids: never a false negative, at most 1 % false positives at its expected size. */
class IdFilterTest {
    private static final int PROBES = 200_000;

    /** Random ids as TokenCodec makes them; a seeded generator keeps every run the same. */
    private static String id(Random random) {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] c = new char[TokenCodec.ID_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = digits.charAt(random.nextInt(62));
        }
        return new String(c);
    }

    // 13,674 ids fill 2^17 bits at the design's density (no rounding up to spare), the worst case.
    @ParameterizedTest(name = "{0} ids")
    @ValueSource(ints = {1_000, 13_674, 100_000, 250_000})
    void holdsEveryIdAddedAndAtMostOnePercentOthersAtItsExpectedSize(int expected) {
        Random random = new Random(expected);
        IdFilter filter = IdFilter.forExpected(expected);
        Set<String> added = new HashSet<>();
        while (added.size() < expected) {
            String id = id(random);
            if (added.add(id)) {
                filter.add(id);
            }
        }
        for (String id : added) {
            assertThat(filter.mightContain(TokenKey.of(id))).as(id).isTrue();
        }
        int falsePositives = 0;
        int probes = 0;
        while (probes < PROBES) {
            String id = id(random);
            if (!added.contains(id)) {
                probes++;
                if (filter.mightContain(TokenKey.of(id))) {
                    falsePositives++;
                }
            }
        }
        assertThat((double) falsePositives / probes).as("false positives of %d bits, %d probes per id",
                filter.bitCount(), filter.probes()).isLessThanOrEqualTo(0.01);
    }

    @ParameterizedTest(name = "expected {0}")
    @ValueSource(ints = {0, 1, 1_000_000})
    void isSizedAtAboutTenBitsPerExpectedIdAndAtLeastForAThousand(int expected) {
        IdFilter filter = IdFilter.forExpected(expected);
        long ids = Math.max(1024, expected);
        assertThat(filter.bitCount()).isBetween(ids * 9, ids * 20 + 64);
        assertThat(Long.bitCount(filter.bitCount())).as("a power of two").isEqualTo(1);
        assertThat(filter.probes()).isBetween(6, 14);
    }

    @Test
    void anIdThatIsNoTokenIdIsIgnored() {
        IdFilter filter = IdFilter.forExpected(1024);
        filter.add("short");
        filter.add("twelve-chars-é");
        filter.add((String) null);
        String real = id(new SecureRandom());
        assertThat(filter.mightContain(TokenKey.of(real))).isFalse();
        filter.add(real);
        assertThat(filter.mightContain(TokenKey.of(real))).isTrue();
    }
}
