package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.DesiredFiles;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.state.PassScope;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.serviceEndpoint;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of pod, sandbox, service and node-record changes: after every pass over the scopes
 * the state reported, both directories hold exactly what a from-scratch full computation gives.
 */
class IncrementalSyncPropertyTest {
    static final int PODS = 6;
    static final int SERVICES = 3;

    /** One change, as ints: kind, subject, variant. */
    record Op(int kind, int subject, int variant, long endpointsMask) {
    }

    @Provide
    Arbitrary<Op> ops() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, PODS - 1),
                Arbitraries.integers().between(0, 3), Arbitraries.longs().between(0, (1L << PODS) - 1)).as(Op::new);
    }

    @Property(tries = 150)
    void everyIncrementalPassLeavesExactlyTheFullComputation(@ForAll @Size(min = 1, max = 40) List<@From("ops") Op> ops,
                                                              @ForAll boolean passAfterEachChange) throws IOException {
        Path tmp = Files.createTempDirectory("epincr");
        try {
            AddressingState state = new AddressingState(List.of("n1"));
            PassScope.Pending[] pending = {new PassScope.Pending()};
            state.onChange((node, scope) -> pending[0].add(scope));
            NodeDirs dirs = new NodeDirs("n1", tmp.resolve("ep"), tmp.resolve("svc"), tmp.resolve("meta"));
            NodeFileSync sync = new NodeFileSync(dirs, state, SETTINGS, true, new DirectoryReconciler(new AtomicFileWriter(false)),
                    SyncListener.NONE, Clock.systemUTC());
            sync.sync();
            int generation = 0;
            for (Op op : ops) {
                apply(state, op, ++generation);
                if (passAfterEachChange || generation % 3 == 0 || generation == ops.size()) {
                    PassScope scope = pending[0].toScope();
                    pending[0] = new PassScope.Pending();
                    sync.sync(scope);
                    assertMatchesFullComputation(state, dirs);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void apply(AddressingState state, Op op, int generation) {
        String uid = "p" + op.subject();
        switch (op.kind()) {
            case 0, 1 -> state.putPod(new PodAddressing(uid, "default", "pod" + op.subject(), "n1",
                    op.variant() == 3 ? List.of(v6("2001:fb8:42::" + (op.subject() + 1)))
                            : List.of(v4("10.2.0." + (op.subject() + 1)), v6("2001:fb8:42::" + (op.subject() + 1))),
                    null, null, null, Map.of("v", Integer.toString(op.variant()))));
            case 2 -> state.removePod("n1", uid);
            case 3 -> state.putSandbox("n1", new Sandbox(uid, "c" + op.subject() + "x" + op.variant(), "veth" + op.variant(), "eth0", null));
            case 4 -> state.removeSandbox("n1", "c" + op.subject() + "x" + op.variant());
            case 5, 6 -> {
                int s = op.subject() % SERVICES;
                if (op.variant() == 0 && op.kind() == 6) {
                    state.putService("default/svc" + s, null);
                    return;
                }
                List<ServiceAddressing.Endpoint> eps = new ArrayList<>();
                for (int i = 0; i < PODS; i++) {
                    if ((op.endpointsMask() & (1L << i)) != 0) {
                        eps.add(endpoint("10.2.0." + (i + 1), "n1", "p" + i));
                    }
                }
                // the uid changes now and then (deleted and recreated under the same name)
                String serviceUid = "s" + s + "g" + (op.variant() == 1 ? generation : 0);
                state.putService("default/svc" + s, service(serviceUid, "svc" + s, op.variant() == 2 ? "LoadBalancer" : "ClusterIP",
                        op.variant() == 3 ? ips("10.96.0." + (s + 1)) : ips("10.96.0." + (s + 1), "fd00:96::" + (s + 1)), eps));
            }
            default -> state.putNode("n1", op.variant() == 0 ? null
                    : new NodeAddressing("n1", NodeAddressing.PodNetworkRanges.empty(), serviceEndpoint("10.3.0." + op.variant(), "fd00:3::1"), List.of()));
        }
    }

    static ServiceAddressing service(String uid, String name, String type, List<inet.ipaddr.IPAddress> clusterIps,
                                     List<ServiceAddressing.Endpoint> eps) {
        return io.acicni.epwriter.files.Fixtures.service(uid, name, type, clusterIps,
                "LoadBalancer".equals(type) ? ips("192.0.2.10") : List.of(), eps);
    }

    static void assertMatchesFullComputation(AddressingState state, NodeDirs dirs) throws IOException {
        DesiredFiles expected = DesiredFiles.compute(state.snapshot("n1", true), SETTINGS, p -> { });
        assertThat(read(dirs.endpointDir())).isEqualTo(asText(expected.endpoints()));
        assertThat(read(dirs.serviceDir())).isEqualTo(asText(expected.services()));
    }

    static Map<String, String> asText(Map<String, byte[]> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((name, bytes) -> out.put(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }
}
