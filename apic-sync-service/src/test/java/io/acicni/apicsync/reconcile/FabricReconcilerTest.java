package io.acicni.apicsync.reconcile;

import inet.ipaddr.IPAddressString;
import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.ApicException;
import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.RetryPolicy;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.netconfig.fabric.ApicConfigText;
import io.acicni.netconfig.fabric.FabricConfigFactory;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.testkit.apic.ApicEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconcile core against the APIC emulator: converge, stay quiet when in sync, never touch what is not ours. */
class FabricReconcilerTest {
    private static ApicEmulator apic;
    private static ApicClient client;
    private static StaticFabric fabric;

    private final Ownership ownership = new Ownership("kube", Ownership.Mode.TAG);
    private final FabricNames names = new FabricNames("kube", "common", "l3out", "kube");
    private FabricReconciler reconciler;
    private final Map<String, NodeAddressing> nodes = new HashMap<>();
    private final Map<String, ServiceAddressing> services = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        apic = ApicEmulator.builder().user("admin", "pw-for-sync").build().start();
        client = new ApicClient(ApicClientConfig.builder().host(apic.url()).tls(TlsSettings.caBundlePem(apic.certificatePem()))
                .credentials(new PasswordCredentials("admin", "pw-for-sync".toCharArray()))
                .retry(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(100), 0)).rateLimit(1000, 1000).build());
        String input = Files.readString(Path.of("src/test/resources/acc-provision-input.yaml"));
        var validated = InputValidator.validate(InputReader.read(input, "acc-provision-input.yaml"), Flavors.find("kubernetes-1.35").orElseThrow());
        fabric = StaticFabric.fromProvisionOutput(ApicConfigText.format(FabricConfigFactory.create(validated)));
        client.firmwareVersion();
    }

    @AfterAll
    static void stop() {
        client.close();
        apic.stop();
    }

    @BeforeEach
    void clean() {
        for (String dn : List.of("uni/tn-kube", "uni/tn-common/out-l3out")) {
            apic.remove(dn);
        }
        apic.faults().clear();
        // what provision (or acc-provision) created before apic-sync runs: tenants, BDs, the L3Out
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-common").attr("name", "common"));
        apic.put(ApicObject.of("l3extOut").attr("dn", "uni/tn-common/out-l3out").attr("name", "l3out"));
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-kube").attr("name", "kube"));
        apic.put(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-kube-node-bd").attr("name", "kube-node-bd"));
        apic.put(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-kube-pod-bd").attr("name", "kube-pod-bd"));
        reconciler = new FabricReconciler(client, new DesiredFabric(fabric, names, ownership), ownership);
    }

    @Test
    void convergesFromEmptyWithBothFamiliesOnEachBridgeDomainThenWritesNothing() {
        ChangeSet first = reconciler.reconcile(nodes, services);
        assertThat(first.posts()).isNotEmpty();
        for (String bd : List.of("uni/tn-kube/BD-kube-node-bd", "uni/tn-kube/BD-kube-pod-bd")) {
            List<ApicObject> subnets = apic.object(bd).orElseThrow().children().stream()
                    .filter(c -> c.className().equals("fvSubnet")).toList();
            assertThat(subnets).extracting(s -> s.attribute("ip").contains(":")).contains(true, false);
            ApicObject v6 = subnets.stream().filter(s -> s.attribute("ip").contains(":")).findFirst().orElseThrow();
            assertThat(v6.attribute("ctrl")).contains("nd");
            assertThat(v6.children()).extracting(ApicObject::className).contains("fvRsNdPfxPol");
        }
        assertThat(apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy")).isTrue();

        apic.resetCounters();
        ChangeSet second = reconciler.reconcile(nodes, services);
        assertThat(second.isEmpty()).isTrue();
        assertThat(apic.writeCount()).isZero();
    }

    @Test
    void aSubnetSomeoneElseAddedSurvivesEveryPass() {
        reconciler.reconcile(nodes, services);
        apic.put(ApicObject.of("fvSubnet").attr("dn", "uni/tn-kube/BD-kube-pod-bd/subnet-[172.30.0.1/24]").attr("ip", "172.30.0.1/24"));
        reconciler.reconcile(nodes, services);
        reconciler.reconcile(nodes, services);
        assertThat(apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[172.30.0.1/24]")).isTrue();
    }

    @Test
    void loadBalancerIpsBecomeHostRoutesUnderTheServicesExternalEpgAndGoWithIt() {
        services.put("default/web", new ServiceAddressing("uid-1", "default", "web", "LoadBalancer", "PreferDualStack",
                List.of(IpFamily.IPv4, IpFamily.IPv6), List.of(ip("10.96.0.10"), ip("fd00:96::a")),
                List.of(ip("10.3.0.2"), ip("2001:4fb8:43::2")), List.of(), List.of(), null, null));
        reconciler.reconcile(nodes, services);
        String epg = "uni/tn-common/out-l3out/instP-kube_svc_default_web";
        assertThat(apic.exists(epg + "/extsubnet-[10.3.0.2/32]")).isTrue();
        assertThat(apic.exists(epg + "/extsubnet-[2001:4fb8:43::2/128]")).isTrue();

        services.clear();
        reconciler.reconcile(nodes, services);
        assertThat(apic.exists(epg)).isFalse();
    }

    @Test
    void nodeServiceEndpointsBecomeRedirectDestinationsPerFamily() {
        nodes.put("worker-1", new NodeAddressing("worker-1", NodeAddressing.PodNetworkRanges.empty(),
                new NodeServiceEndpoint("0a:58:0a:05:00:02", ip("10.5.0.2"), ip("fd00:5::2")), List.of()));
        reconciler.reconcile(nodes, services);
        String pol = "uni/tn-kube/svcCont/svcRedirectPol-kube_svc_global";
        assertThat(apic.exists(pol + "/RedirectDest_ip-[10.5.0.2]")).isTrue();
        assertThat(apic.exists(pol + "/RedirectDest_ip-[fd00:5::2]")).isTrue();
    }

    @Test
    void anApicThatIsDownFailsThePassAndTheNextPassConvergesWithNothingLost() {
        apic.faults().goDown();
        assertThatThrownBy(() -> reconciler.reconcile(nodes, services)).isInstanceOf(ApicException.class);
        apic.faults().comeBack();
        reconciler.reconcile(nodes, services);
        assertThat(apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy")).isTrue();
        apic.resetCounters();
        assertThat(reconciler.reconcile(nodes, services).isEmpty()).isTrue();
    }

    private static inet.ipaddr.IPAddress ip(String s) {
        return new IPAddressString(s).getAddress();
    }
}
