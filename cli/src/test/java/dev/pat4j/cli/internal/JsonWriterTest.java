package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void nestsObjectsAndArraysWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginArray()
                .beginObject().field("a", "1").name("b").beginArray().value("x").value("y").endArray()
                .field("c", (String) null).field("d", true).field("e", -42L).endObject()
                .beginObject().endObject()
                .endArray().toString();
        assertThat(json).isEqualTo("[{\"a\":\"1\",\"b\":[\"x\",\"y\"],\"c\":null,\"d\":true,\"e\":-42},{}]");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String json = new JsonWriter().beginObject()
                .field("k\"ey", "a\"b\\c\nd\re\tf\u0001g\u007fh\u2028i")
                .endObject().toString();
        assertThat(json).isEqualTo("{\"k\\\"ey\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007fh\\u2028i\"}");
    }

    @Test
    void keepsValidSurrogatePairsAndEscapesLoneOnes() {
        String json = new JsonWriter().beginArray().value("😀").value("x\ud800y").endArray().toString();
        assertThat(json).isEqualTo("[\"😀\",\"x\\ud800y\"]");
    }
}
