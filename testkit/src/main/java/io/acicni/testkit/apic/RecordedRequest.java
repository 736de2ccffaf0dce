package io.acicni.testkit.apic;

/** A request the emulator received: method, decoded path and query, status it answered. */
public record RecordedRequest(String method, String path, String query, String body, int status) {

    /** True for POST/DELETE on {@code /api/(node/)mo/...}. */
    public boolean isWrite() {
        return (method.equals("POST") || method.equals("DELETE")) && isObjectApi();
    }

    /** True for {@code /api/(node/)mo/...} and {@code /api/(node/)class/...}. */
    public boolean isObjectApi() {
        String p = path.startsWith("/api/node/") ? "/api/" + path.substring("/api/node/".length()) : path;
        return p.startsWith("/api/mo/") || p.startsWith("/api/class/");
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
