package io.acicni.deploy.diagnose;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code .ep} or {@code .service} file of a node.
 *
 * @param kind    {@code ep} or {@code service}
 * @param name    file name
 * @param content its JSON, null when it is not JSON (then {@code text} holds it)
 * @param text    the raw text
 */
public record NodeFile(String kind, String name, JsonNode content, String text) {
}
