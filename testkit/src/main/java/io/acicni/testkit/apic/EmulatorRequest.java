package io.acicni.testkit.apic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as the emulator sees it: raw path and query as received, their percent-decoded forms,
 * the query parameters (empty names and values dropped) and the body.
 */
record EmulatorRequest(String method, String rawPath, String rawQuery, String path, String query,
        Map<String, String> params, byte[] body, String cookieHeader) {

    static EmulatorRequest of(String method, String rawPath, String rawQuery, byte[] body, String cookieHeader) {
        String path = decode(rawPath);
        String query = rawQuery == null ? null : decode(rawQuery);
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = decode(eq < 0 ? part : part.substring(0, eq));
                String value = eq < 0 ? "" : decode(part.substring(eq + 1));
                if (!name.isEmpty()) {
                    params.put(name, value);
                }
            }
        }
        return new EmulatorRequest(method, rawPath, rawQuery, path, query, params, body, cookieHeader);
    }

    /** Path with query as received, and as decoded: the client may have signed either. */
    String rawPathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    String decodedPathAndQuery() {
        return query == null ? path : path + "?" + query;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Percent-decoding that, unlike form decoding, leaves {@code +} alone. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1))
                    && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
