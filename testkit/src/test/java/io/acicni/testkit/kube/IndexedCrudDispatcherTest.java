package io.acicni.testkit.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API double's store is indexed: a request looks at a small constant number of stored entries
 * whatever else is stored (counted in the store, not timed), and the answers are those of fabric8's
 * own {@link KubernetesCrudDispatcher}.
 */
class IndexedCrudDispatcherTest {
    private static final int PODS = 10_000;
    private static final int NODES = 100;
    /** Entries a by-name request may visit: the object itself (same name in other namespaces aside). */
    private static final int PER_NAME = 2;

    private static ServiceAllocatingDispatcher big;

    @BeforeAll
    static void fill() {
        big = new ServiceAllocatingDispatcher(new ClusterIpAllocator(ServiceCidrs.defaults()));
        for (int n = 0; n < NODES; n++) {
            expect(big, 201, post("/api/v1/nodes", node("node-" + n)));
        }
        for (int i = 0; i < PODS; i++) {
            expect(big, 201, post("/api/v1/namespaces/bench/pods", pod("bench", "pod-" + i, "node-" + (i % NODES))));
        }
        for (int i = 0; i < 50; i++) {
            expect(big, 201, post("/api/v1/namespaces/other/pods", pod("other", "pod-" + i, "node-0")));
            expect(big, 201, post("/api/v1/namespaces/bench/services", service("bench", "svc-" + i)));
            expect(big, 201, post("/apis/discovery.k8s.io/v1/namespaces/bench/endpointslices",
                    "{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"svc-" + i
                            + "-ipv4\",\"namespace\":\"bench\"},\"addressType\":\"IPv4\",\"endpoints\":[]}"));
            expect(big, 201, post("/api/v1/namespaces/bench/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":{}}"));
        }
        for (int i = 0; i < 1000; i++) {
            expect(big, 201, post("/api/v1/namespaces/bench/events",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"ev-" + i + "\"},\"reason\":\"r\"}"));
        }
        expect(big, 201, post("/apis/coordination.k8s.io/v1/namespaces/bench/leases",
                "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"ipam\"},\"spec\":{}}"));
    }

    private long visits(Runnable request) {
        long before = big.store().visited();
        long fullBefore = big.store().fullScans();
        request.run();
        assertThat(big.store().fullScans()).as("full scans").isEqualTo(fullBefore);
        return big.store().visited() - before;
    }

    @Test
    void getPatchStatusDeleteOfOnePodVisitOnlyThatPod() {
        String path = "/api/v1/namespaces/bench/pods/pod-4242";
        assertThat(visits(() -> assertThat(expect(big, 200, get(path)).getBody().readUtf8()).contains("\"pod-4242\"")))
                .isLessThanOrEqualTo(PER_NAME);
        assertThat(visits(() -> expect(big, 202, patch(path, "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"a\":\"1\"}}}")))).isLessThanOrEqualTo(PER_NAME);
        assertThat(visits(() -> expect(big, 202, patch(path, "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/b\",\"value\":\"2\"}]")))).isLessThanOrEqualTo(PER_NAME);
        assertThat(visits(() -> expect(big, 202, patch(path + "/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\"}}")))).isLessThanOrEqualTo(PER_NAME);
        String current = expect(big, 200, get(path)).getBody().readUtf8();
        assertThat(visits(() -> expect(big, 200, put(path, current.replace("\"busybox\"", "\"alpine\"")))))
                .isLessThanOrEqualTo(PER_NAME);
        assertThat(visits(() -> expect(big, 200, delete(path)))).isLessThanOrEqualTo(PER_NAME);
        assertThat(visits(() -> expect(big, 404, get(path)))).isZero();
        assertThat(visits(() -> expect(big, 404, delete(path)))).isZero();
        assertThat(visits(() -> expect(big, 201, post("/api/v1/namespaces/bench/pods", pod("bench", "pod-4242", "node-1")))))
                .isLessThanOrEqualTo(PER_NAME);
        assertThat(visits(() -> expect(big, 409, post("/api/v1/namespaces/bench/pods", pod("bench", "pod-4242", "node-1")))))
                .isLessThanOrEqualTo(PER_NAME);
    }

    @Test
    void clusterScopedAndOtherKindsAreLookedUpByName() {
        assertThat(visits(() -> expect(big, 200, get("/api/v1/nodes/node-7")))).isEqualTo(1);
        assertThat(visits(() -> expect(big, 202, patch("/api/v1/nodes/node-7/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"x\"}}")))).isEqualTo(1);
        assertThat(visits(() -> expect(big, 200, get("/apis/coordination.k8s.io/v1/namespaces/bench/leases/ipam"))))
                .isEqualTo(1);
        assertThat(visits(() -> expect(big, 200, get("/api/v1/namespaces/bench/services/svc-3")))).isEqualTo(1);
    }

    @Test
    void listsVisitTheirKindInTheirNamespaceOnly() {
        assertThat(visits(() -> assertThat(items(expect(big, 200, get("/api/v1/namespaces/other/pods")))).isEqualTo(50)))
                .isEqualTo(50);
        assertThat(visits(() -> assertThat(items(expect(big, 200,
                get("/api/v1/namespaces/other/pods?labelSelector=app%3Dpod-7")))).isEqualTo(1))).isEqualTo(50);
        assertThat(visits(() -> assertThat(items(expect(big, 200, get("/api/v1/nodes")))).isEqualTo(NODES)))
                .isEqualTo(NODES);
        assertThat(visits(() -> assertThat(items(expect(big, 200,
                get("/apis/discovery.k8s.io/v1/namespaces/bench/endpointslices")))).isEqualTo(50))).isEqualTo(50);
    }

    @Test
    void aWatchListsOnlyItsScopeAtOpenAndThenSeesItsChanges() throws Exception {
        FakeSocket socket = new FakeSocket();
        MockResponse watch = big.dispatch(get("/api/v1/namespaces/other/pods?watch=true&labelSelector=app%3Dpod-3"));
        assertThat(watch.getWebSocketListener()).isNotNull();
        assertThat(visits(() -> watch.getWebSocketListener().onOpen(socket, watch))).isEqualTo(50);
        socket.await(1);
        expect(big, 202, patch("/api/v1/namespaces/other/pods/pod-3", "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"w\":\"1\"}}}"));
        expect(big, 202, patch("/api/v1/namespaces/other/pods/pod-4", "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"w\":\"1\"}}}"));
        expect(big, 200, delete("/api/v1/namespaces/other/pods/pod-3"));
        expect(big, 201, post("/api/v1/namespaces/other/pods", pod("other", "pod-3", "node-2")));
        expect(big, 200, delete("/api/v1/namespaces/bench/pods/pod-3"));
        List<String> events = socket.await(4);
        assertThat(events).extracting(e -> e.replaceAll("(?s).*\"type\":\"(\\w+)\"[^\"]*$", "$1"))
                .containsExactly("ADDED", "MODIFIED", "DELETED", "ADDED");
        assertThat(events).allMatch(e -> e.contains("\"name\":\"pod-3\",\"namespace\":\"other\""));
        watch.getWebSocketListener().onClosed(socket, 1000, "done");
    }

    /** Collects what a watch sends. */
    private static final class FakeSocket implements io.fabric8.mockwebserver.http.WebSocket {
        private final List<String> sent = new ArrayList<>();

        @Override
        public RecordedRequest request() {
            return null;
        }

        @Override
        public synchronized boolean send(String text) {
            sent.add(text);
            notifyAll();
            return true;
        }

        @Override
        public boolean send(byte[] bytes) {
            return send(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public boolean close(int code, String reason) {
            return true;
        }

        /** What was sent once nothing more arrives for 300 ms (fabric8's watches send from threads of their own). */
        synchronized List<String> settled() throws InterruptedException {
            int seen = -1;
            while (seen != sent.size()) {
                seen = sent.size();
                wait(300);
            }
            return new ArrayList<>(sent);
        }

        synchronized List<String> await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sent.size() < count && System.nanoTime() < deadline) {
                wait(100);
            }
            assertThat(sent).hasSize(count);
            return new ArrayList<>(sent);
        }
    }

    /**
     * The same requests against fabric8's dispatcher and ours give the same answers (uids and
     * timestamps aside): every verb, selectors, status, conflicts, finalizers, errors.
     */
    @Test
    void answersAreFabric8s() {
        List<String> reference = script(new KubernetesCrudDispatcher());
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        List<String> ours = script(indexed);
        assertThat(ours).containsExactlyElementsOf(reference);
        assertThat(indexed.store().fullScans()).as("requests without a plural in the path scan everything").isPositive();
    }

    /**
     * A merge patch naming another uid (the pod was replaced under the same name) is refused with
     * 409 and changes nothing; fabric8's own dispatcher ignores the uid and applies it. The same
     * uid, or none, applies as before (to the object and to its status subresource).
     */
    @Test
    void aMergePatchNamingAnotherUidIsRefusedWhereFabric8AppliesIt() {
        for (Dispatcher d : List.<Dispatcher>of(new KubernetesCrudDispatcher(), new IndexedCrudDispatcher())) {
            boolean ours = d instanceof IndexedCrudDispatcher;
            String created = expect(d, 201, post("/api/v1/namespaces/a/pods", pod("a", "p", "n1"))).getBody().readUtf8();
            String uid = created.replaceAll("(?s).*\"uid\":\"([^\"]+)\".*", "$1");
            String path = "/api/v1/namespaces/a/pods/p";
            String stale = "{\"metadata\":{\"uid\":\"not-" + uid + "\"},\"status\":{\"podIP\":\"10.0.0.9\"}}";
            MockResponse refused = d.dispatch(patch(path + "/status", "application/merge-patch+json", stale));
            MockResponse refusedMain = d.dispatch(patch(path, "application/merge-patch+json",
                    "{\"metadata\":{\"uid\":\"not-" + uid + "\",\"labels\":{\"x\":\"y\"}}}"));
            String after = expect(d, 200, get(path)).getBody().readUtf8();
            if (ours) {
                assertThat(refused.code()).isEqualTo(409);
                assertThat(refused.getBody().readUtf8()).contains("Precondition failed: UID in precondition: not-" + uid
                        + ", UID in object meta: " + uid);
                assertThat(refusedMain.code()).isEqualTo(409);
                assertThat(after).isEqualTo(created);
            } else {
                assertThat(refused.code()).as("fabric8 ignores the uid").isEqualTo(202);
                assertThat(refusedMain.code()).isEqualTo(202);
                assertThat(after).contains("10.0.0.9").contains("\"uid\":\"" + uid + "\"");
            }
            String same = "{\"metadata\":{\"uid\":\"" + uid + "\"},\"status\":{\"podIP\":\"10.0.0.1\"}}";
            assertThat(expect(d, 202, patch(path + "/status", "application/merge-patch+json", same)).getBody().readUtf8())
                    .contains("\"podIP\":\"10.0.0.1\"");
            assertThat(expect(d, 202, patch(path, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"z\":\"1\"}}}"))
                    .getBody().readUtf8()).contains("\"z\":\"1\"");
        }
    }

    private static final List<String> WATCHES = List.of(
            "/api/v1/pods?watch=true",
            "/api/v1/namespaces/a/pods?watch=true",
            "/api/v1/namespaces/b/pods?watch=true&labelSelector=app%3Dp1",
            "/api/v1/namespaces/a/pods?watch=true&fieldSelector=metadata.name%3Dp2",
            "/api/v1/namespaces/a/pods?watch=true&labelSelector=app%3Dmoved",
            "/api/v1/namespaces/a/pods?watch=true&labelSelector=app%3Dp1",
            "/api/v1/nodes?watch=true",
            "/api/v1/namespaces/a/configmaps?watch=true");

    /**
     * Watches see what fabric8's watches see, message for message: open before the requests (every
     * change), and opened after them (the initial listing).
     */
    @Test
    void watchMessagesAreFabric8s() throws Exception {
        List<List<String>> reference = watched(new KubernetesCrudDispatcher());
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        List<List<String>> ours = watched(indexed);
        assertThat(ours).hasSameSizeAs(reference);
        for (int w = 0; w < ours.size(); w++) {
            assertThat(ours.get(w)).as("watch " + w).containsExactlyElementsOf(reference.get(w));
        }
        assertThat(ours.stream().mapToInt(List::size).sum()).isGreaterThan(50);
        assertThat(indexed.watchCount()).as("closed watches are forgotten").isZero();
    }

    /** Opens one watch per path in {@link #WATCHES}, as the services' informers do. */
    private static void openWatches(Dispatcher d, List<FakeSocket> sockets, List<MockResponse> opened) {
        for (String path : WATCHES) {
            MockResponse watch = d.dispatch(get(path));
            FakeSocket socket = new FakeSocket();
            watch.getWebSocketListener().onOpen(socket, watch);
            sockets.add(socket);
            opened.add(watch);
        }
    }

    private static List<List<String>> watched(Dispatcher d) throws InterruptedException {
        List<FakeSocket> sockets = new ArrayList<>();
        List<MockResponse> opened = new ArrayList<>();
        openWatches(d, sockets, opened);
        script(d);
        openWatches(d, sockets, opened);
        List<List<String>> out = new ArrayList<>();
        for (FakeSocket socket : sockets) {
            out.add(socket.settled().stream().map(IndexedCrudDispatcherTest::normalised).toList());
        }
        for (int i = 0; i < opened.size(); i++) {
            opened.get(i).getWebSocketListener().onClosed(sockets.get(i), 1000, "done");
        }
        return out;
    }

    private static final Pattern UID = Pattern.compile("\"uid\":\"[^\"]+\"");
    private static final Pattern TIME = Pattern.compile("\"(creationTimestamp|deletionTimestamp)\":\"[^\"]+\"");

    private static List<String> script(Dispatcher d) {
        List<String> out = new ArrayList<>();
        List<RecordedRequest> requests = new ArrayList<>();
        requests.add(post("/api/v1/nodes", node("n1")));
        requests.add(post("/api/v1/nodes", node("n2")));
        for (String ns : List.of("a", "b")) {
            for (int i = 0; i < 4; i++) {
                requests.add(post("/api/v1/namespaces/" + ns + "/pods", pod(ns, "p" + i, i % 2 == 0 ? "n1" : "n2")));
            }
            requests.add(post("/api/v1/namespaces/" + ns + "/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p0\",\"labels\":{\"app\":\"p0\"}}}"));
        }
        requests.add(post("/api/v1/namespaces/a/pods", pod("a", "p0", "n1")));                 // 409
        requests.add(post("/api/v1/namespaces/a/pods", pod("b", "x", "n1")));                  // 400 namespace mismatch
        requests.add(post("/api/v1/namespaces/a/pods", "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"k\"}}")); // 422
        requests.add(get("/api/v1/namespaces/a/pods/p1"));
        requests.add(get("/api/v1/namespaces/a/pods/zz"));                                    // 404
        requests.add(get("/api/v1/nodes/n2"));
        requests.add(get("/api/v1/nodes"));
        requests.add(get("/api/v1/pods"));
        requests.add(get("/api/v1/namespaces/b/pods"));
        requests.add(get("/api/v1/namespaces/b/pods?labelSelector=app%3Dp1"));
        requests.add(get("/api/v1/namespaces/b/pods?labelSelector=app!%3Dp1"));
        requests.add(get("/api/v1/pods?labelSelector=app"));
        requests.add(get("/api/v1/pods?labelSelector=!app"));
        requests.add(get("/api/v1/pods?fieldSelector=metadata.name%3Dp2"));
        requests.add(get("/api/v1/namespaces/a/pods?fieldSelector=metadata.namespace%3Da"));
        requests.add(get("/api/v1/namespaces/a/configmaps?labelSelector=app%3Dp0"));
        requests.add(get("/api/v1"));
        requests.add(get("/apis"));
        requests.add(patch("/api/v1/namespaces/a/pods/p1", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"moved\"}}}"));
        requests.add(get("/api/v1/namespaces/a/pods?labelSelector=app%3Dmoved"));
        requests.add(patch("/api/v1/namespaces/a/pods/p1", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations/x\",\"value\":\"y\"}]"));
        requests.add(patch("/api/v1/namespaces/a/pods/p1", "application/strategic-merge-patch+json",
                "{\"metadata\":{\"labels\":{\"s\":\"t\"}}}"));                                   // 415
        requests.add(patch("/api/v1/namespaces/a/pods/p1/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"podIPs\":[{\"ip\":\"10.0.0.1\"}]}}"));
        requests.add(patch("/api/v1/namespaces/a/pods/zz", "application/merge-patch+json", "{}"));  // 404
        requests.add(put("/api/v1/namespaces/a/pods/p2", pod("a", "p2", "n2").replace("\"metadata\":{",
                "\"metadata\":{\"resourceVersion\":\"1\",")));                                    // 409 stale
        requests.add(put("/api/v1/namespaces/a/pods/p2/status", pod("a", "p2", "n2").replace("\"spec\":",
                "\"status\":{\"phase\":\"Failed\"},\"spec\":")));
        requests.add(put("/api/v1/namespaces/a/pods/p2", pod("a", "other", "n2")));            // 400 name mismatch
        requests.add(put("/api/v1/namespaces/a/pods/zz", pod("a", "zz", "n2")));               // 404
        requests.add(patch("/api/v1/namespaces/b/pods/p3", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":[\"acicni.io/hold\"]}}"));
        requests.add(delete("/api/v1/namespaces/b/pods/p3"));                                 // marked
        requests.add(get("/api/v1/namespaces/b/pods/p3"));
        requests.add(delete("/api/v1/namespaces/b/pods/p3"));                                 // still held
        requests.add(patch("/api/v1/namespaces/b/pods/p3", "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]"));                        // gone
        requests.add(get("/api/v1/namespaces/b/pods/p3"));
        requests.add(delete("/api/v1/namespaces/a/pods/p0"));
        requests.add(delete("/api/v1/namespaces/a/pods/p0"));                                 // 404
        requests.add(delete("/api/v1/nodes/n1"));
        requests.add(get("/api/v1/nodes"));
        requests.add(post("/api/v1/namespaces/a/pods", pod("a", "p0", "n2")));                 // re-create moves to the end
        requests.add(get("/api/v1/pods"));
        requests.add(delete("/api/v1/namespaces/b/pods"));                                    // collection delete
        requests.add(get("/api/v1/pods"));
        for (RecordedRequest r : requests) {
            MockResponse response = d.dispatch(r);
            String body = response.getBody() == null ? "" : response.getBody().readUtf8();
            out.add(r.getRequestLine() + " -> " + response.code() + " " + normalised(body));
        }
        return out;
    }

    private static String normalised(String body) {
        return TIME.matcher(UID.matcher(body).replaceAll("\"uid\":\"U\"")).replaceAll("\"$1\":\"T\"");
    }

    private static int items(MockResponse response) {
        String body = response.getBody().readUtf8();
        return body.split("\"kind\":\"(Pod|Node|EndpointSlice)\"", -1).length - 1;
    }

    private static MockResponse expect(Dispatcher d, int code, RecordedRequest request) {
        MockResponse response = d.dispatch(request);
        assertThat(response.code()).as(request.getRequestLine()).isEqualTo(code);
        return response;
    }

    static String node(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\"},\"status\":{}}";
    }

    static String pod(String ns, String name, String node) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns
                + "\",\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"nodeName\":\"" + node
                + "\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
    }

    static String service(String ns, String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns
                + "\"},\"spec\":{\"type\":\"ClusterIP\",\"selector\":{\"app\":\"" + name + "\"},\"ports\":[{\"port\":80}]}}";
    }

    static RecordedRequest get(String path) {
        return request(HttpMethod.GET, path, null, null);
    }

    static RecordedRequest delete(String path) {
        return request(HttpMethod.DELETE, path, null, null);
    }

    static RecordedRequest post(String path, String body) {
        return request(HttpMethod.POST, path, "application/json", body);
    }

    static RecordedRequest put(String path, String body) {
        return request(HttpMethod.PUT, path, "application/json", body);
    }

    static RecordedRequest patch(String path, String contentType, String body) {
        return request(HttpMethod.PATCH, path, contentType, body);
    }

    static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(),
                new Buffer(body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
