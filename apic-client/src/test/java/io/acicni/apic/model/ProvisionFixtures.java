package io.acicni.apic.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads acc-provision's {@code *.apic.txt}: a path line, then a JSON body or {@code None} (a DELETE). */
public final class ProvisionFixtures {

    /** One request of a fixture; {@code json} is null for a DELETE. */
    public record Request(String path, String dn, String json) {
    }

    public static final List<String> FILES = List.of("base_case_ipv6.apic.txt", "dualstack_base.apic.txt",
            "dualstack_extern_dynamic.apic.txt");

    private ProvisionFixtures() {
    }

    public static List<Request> read(String file) throws IOException {
        String text;
        try (InputStream in = ProvisionFixtures.class.getResourceAsStream("/fixtures/acc-provision/" + file)) {
            if (in == null) {
                throw new IOException("missing fixture " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Request> out = new ArrayList<>();
        String path = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("/api/")) {
                if (path != null) {
                    out.add(request(path, body.toString()));
                }
                path = line.trim();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        if (path != null) {
            out.add(request(path, body.toString()));
        }
        return out;
    }

    private static Request request(String path, String body) {
        String p = path.startsWith("/api/node/mo/") ? path.substring("/api/node/mo/".length())
                : path.substring("/api/mo/".length());
        String dn = p.substring(0, p.length() - ".json".length());
        String b = body.trim();
        return new Request(path, dn, b.equals("None") ? null : b);
    }
}
