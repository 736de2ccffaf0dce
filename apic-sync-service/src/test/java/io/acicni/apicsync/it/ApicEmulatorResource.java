package io.acicni.apicsync.it;

import io.acicni.apic.model.ApicObject;
import io.acicni.netconfig.fabric.ApicConfigText;
import io.acicni.netconfig.fabric.FabricConfigFactory;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.testkit.apic.ApicEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The APIC emulator for apic-sync's tests, holding what provision created before apic-sync runs
 * (tenants, bridge domains, the L3Out), and provision's fabric objects file for the sample input.
 */
public class ApicEmulatorResource implements QuarkusTestResourceLifecycleManager {
    static final String PASSWORD = "emulated-apic-secret-41";
    private static ApicEmulator apic;

    public static ApicEmulator apic() {
        return apic;
    }

    @Override
    public Map<String, String> start() {
        try {
            apic = ApicEmulator.builder().user("admin", PASSWORD).build().start();
            apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-common").attr("name", "common"));
            apic.put(ApicObject.of("l3extOut").attr("dn", "uni/tn-common/out-l3out").attr("name", "l3out"));
            apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-kube").attr("name", "kube"));
            apic.put(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-kube-node-bd").attr("name", "kube-node-bd"));
            apic.put(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-kube-pod-bd").attr("name", "kube-pod-bd"));
            String input = Files.readString(Path.of("src/test/resources/acc-provision-input.yaml"));
            var validated = InputValidator.validate(InputReader.read(input, "acc-provision-input.yaml"),
                    Flavors.find("kubernetes-1.35").orElseThrow());
            Path fabric = Path.of("target/apic-fabric.txt");
            Files.createDirectories(fabric.getParent());
            Files.writeString(fabric, ApicConfigText.format(FabricConfigFactory.create(validated)));
            Path ca = Files.createTempFile("apic-ca", ".pem");
            Files.writeString(ca, apic.certificatePem());
            return Map.of("acicni.apic-sync.hosts", apic.url(),
                    "acicni.apic-sync.username", "admin",
                    "acicni.apic-sync.password", PASSWORD,
                    "acicni.apic-sync.ca-bundle", ca.toString(),
                    "acicni.apic-sync.fabric-objects", fabric.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the APIC emulator: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (apic != null) {
            apic.stop();
        }
    }
}
