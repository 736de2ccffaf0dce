package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoJsonTest {

    @Test
    void printsLikeGoMarshalIndent() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("uuid", "a");
        doc.putObject("empty");
        doc.putArray("none");
        doc.putArray("ips").add("10.0.0.1").add("::1");
        doc.putObject("nested").put("n", 4003).put("b", true);
        assertThat(GoJson.marshalIndent(doc)).isEqualTo("""
                {
                  "uuid": "a",
                  "empty": {},
                  "none": [],
                  "ips": [
                    "10.0.0.1",
                    "::1"
                  ],
                  "nested": {
                    "n": 4003,
                    "b": true
                  }
                }""");
    }

    @Test
    void escapesStringsAsGoDoes() {
        StringBuilder out = new StringBuilder();
        GoJson.string("a<b>&\"\\\n\u0001\u2028", out);
        assertThat(out.toString()).isEqualTo("\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\u0001\\u2028\"");
    }
}
