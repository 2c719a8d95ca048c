package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.lifecycle.InvalidCursorException;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.PagePosition;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cursor format itself: positions round-trip exactly, cursors are URL-safe and bounded,
 * and a cursor whose digest is right (anyone can compute it) but whose position no stored token
 * could have is refused as malformed rather than handed to a store.
 */
class PageCursorTest {
    private static final TokenQuery BY_TIME = TokenQuery.of("alice").withStates(Set.of(TokenState.ACTIVE));
    private static final TokenQuery BY_NAME = BY_TIME.withSort(TokenSort.NAME).withSearch("ci");

    private static PagePosition roundTrip(TokenQuery query, PagePosition position) {
        String cursor = PageCursor.encode(query, position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(PageCursor.MAX_TEXT);
        return PageCursor.decode(query.withCursor(cursor).withLimit(7));
    }

    @Test
    void positionsRoundTripExactlyInEveryOrder() {
        for (TokenSort sort : List.of(TokenSort.CREATED_NEWEST, TokenSort.CREATED_OLDEST, TokenSort.EXPIRES_SOONEST)) {
            TokenQuery query = BY_TIME.withSort(sort);
            for (Instant time : List.of(Instant.parse("2031-03-14T15:09:26.535897123Z"), Instant.EPOCH,
                    Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("+294276-12-31T23:59:59.999999Z"))) {
                PagePosition p = new PagePosition(sort, time, null, "3fQx9LmZr2Ab");
                assertThat(roundTrip(query, p)).isEqualTo(p);
            }
        }
        for (String name : List.of("ci", "Zoë's laptop 東京 🚀", "東".repeat(256), " spaced ", "%_\\'\"")) {
            PagePosition p = new PagePosition(TokenSort.NAME, null, name, "tok000000001");
            assertThat(roundTrip(BY_NAME, p)).isEqualTo(p);
        }
    }

    @Test
    void aWellFormedCursorForAPositionNoTokenCanHaveIsRefused() {
        List<PagePosition> impossible = List.of(
                new PagePosition(TokenSort.NAME, null, "nul\u0000byte", "tok000000001"),
                new PagePosition(TokenSort.NAME, null, "line\nbreak", "tok000000001"),
                new PagePosition(TokenSort.NAME, null, "n".repeat(257), "tok000000001"),
                new PagePosition(TokenSort.NAME, null, "ci", ""),
                new PagePosition(TokenSort.NAME, null, "ci", "tok_00000001"),
                new PagePosition(TokenSort.NAME, null, "ci", "t".repeat(65)),
                new PagePosition(TokenSort.NAME, null, "ci", "tok\u0000"));
        for (PagePosition p : impossible) {
            String cursor = PageCursor.encode(BY_NAME, p);
            assertThatThrownBy(() -> PageCursor.decode(BY_NAME.withCursor(cursor))).as(p.toString())
                    .isInstanceOf(InvalidCursorException.class).hasMessageContaining("malformed");
        }
        for (Instant time : List.of(Instant.MAX, Instant.MIN, Instant.parse("+294277-01-01T00:00:00Z"),
                Instant.parse("-4713-11-23T23:59:59.999Z"))) {
            PagePosition p = new PagePosition(TokenSort.CREATED_NEWEST, time, null, "tok000000001");
            String cursor = PageCursor.encode(BY_TIME, p);
            assertThatThrownBy(() -> PageCursor.decode(BY_TIME.withCursor(cursor))).as(time.toString())
                    .isInstanceOf(InvalidCursorException.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void aCursorOfOneOrderIsRefusedByAnotherEvenWithTheSameKeyShape() {
        PagePosition p = new PagePosition(TokenSort.CREATED_OLDEST, Instant.EPOCH, null, "tok000000001");
        String cursor = PageCursor.encode(BY_TIME.withSort(TokenSort.CREATED_OLDEST), p);
        assertThatThrownBy(() -> PageCursor.decode(BY_TIME.withSort(TokenSort.EXPIRES_SOONEST).withCursor(cursor)))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> PageCursor.decode(BY_TIME.withSort(TokenSort.CREATED_NEWEST).withCursor(cursor)))
                .isInstanceOf(InvalidCursorException.class);
    }
}
