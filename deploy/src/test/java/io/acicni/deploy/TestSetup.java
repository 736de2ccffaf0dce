package io.acicni.deploy;

import io.acicni.deploy.manifest.ApicCredentials;
import io.acicni.deploy.manifest.KafkaSettings;
import io.acicni.deploy.manifest.ManifestContext;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.netconfig.validate.ValidatedInput;

/** Validated inputs and manifest contexts for deploy's unit tests. */
public final class TestSetup {
    public static final String INPUT = """
            aci_config:
              system_id: kube
              apic_hosts: [10.30.120.100]
              apic_login: {username: admin, password: pw-XYZ}
              aep: kube-aep
              vrf: {name: kube, tenant: common}
              l3out: {name: l3out, external_networks: [default]}
            net_config:
              node_subnet: [%s]
              pod_subnet: [%s]
              extern_dynamic: [%s]
              extern_static: [%s]
              node_svc_subnet: 10.5.0.1/24
              kubeapi_vlan: 4001
              service_vlan: 4003
              infra_vlan: 4093
            registry:
              image_prefix: quay.io/acicni
              image_tag: "1.2.3"
            """;

    private TestSetup() {
    }

    /** Externs are dual when the pod subnets are, IPv4 otherwise (a valid combination either way). */
    public static ValidatedInput validated(String flavor, String nodeSubnets, String podSubnets) {
        boolean dualPods = podSubnets.contains(":") && podSubnets.contains(".");
        String dynamic = dualPods ? "10.3.0.1/24, 1:5:1:1::1/64" : "10.3.0.1/24";
        String fixed = dualPods ? "10.4.0.1/24, 1:6:1:1::1/64" : "10.4.0.1/24";
        try {
            return InputValidator.validate(InputReader.read(
                            INPUT.formatted(nodeSubnets, podSubnets, dynamic, fixed), "t.yaml"),
                    Flavors.find(flavor).orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ValidatedInput dualStack() {
        return validated("kubernetes-1.35", "10.1.0.1/16, 2:2:1:1::1/64", "10.2.0.1/24, 1:2:1:1::1/64");
    }

    public static ManifestContext context(boolean withSecretData) {
        ValidatedInput input = dualStack();
        return new ManifestContext(input, AciContainersConfigFactory.create(input), "aci-containers-system",
                KafkaSettings.of("kafka", "kafka-ns", 3, null),
                new ApicCredentials("admin", "pw-XYZ", "CERT", "KEY"), withSecretData);
    }
}
