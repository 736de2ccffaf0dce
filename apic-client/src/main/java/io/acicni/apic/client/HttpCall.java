package io.acicni.apic.client;

import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request for a transport. {@code pathAndQuery} is exactly what the client signed, not
 * percent-encoded (APIC paths contain brackets, queries contain quotes and parentheses); the
 * transport encodes what its HTTP library requires.
 */
public record HttpCall(String baseUrl, String method, String pathAndQuery, byte[] body, Map<String, String> headers,
        Duration timeout) {

    /** Class and target only: headers carry cookies and bodies may carry passwords. */
    @Override
    public String toString() {
        return method + " " + baseUrl + pathAndQuery;
    }
}
