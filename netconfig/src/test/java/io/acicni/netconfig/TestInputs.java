package io.acicni.netconfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.netconfig.validate.ValidatedInput;
import io.acicni.netconfig.validate.ValidationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inputs for tests: the dualstack_base input with net_config overrides. */
public final class TestInputs {
    public static final String BASE = """
            aci_config:
              system_id: kube
              use_legacy_kube_naming_convention: True
              apic_hosts:
                - 10.30.120.100
              apic_login:
                username: admin
                password: s3cr3t-Pa55
              aep: kube-aep
              vrf:
                name: kube
                tenant: common
              l3out:
                name: l3out
                external_networks:
                  - default
              sync_login:
                certfile: user.crt
                keyfile: user.key
              vmm_domain:
                encap_type: vxlan
            net_config:
              node_subnet: [10.1.0.1/16, 2:2:1:1::1/64]
              pod_subnet: [10.2.0.1/24, 1:2:1:1::1/64]
              extern_dynamic: [10.3.0.1/24, 1:5:1:1::1/64]
              extern_static: [10.4.0.1/24, 1:6:1:1::1/64]
              node_svc_subnet: 10.5.0.1/24
              kubeapi_vlan: 4001
              service_vlan: 4003
              infra_vlan: 4093
            registry:
              image_prefix: quay.io/acicni
            """;

    private static final YAMLMapper YAML = new YAMLMapper();

    private TestInputs() {
    }

    public static Flavor k8s() {
        return Flavors.find("kubernetes-1.35").orElseThrow();
    }

    /** net_config overrides: a value of null removes the key. */
    public static Map<String, Object> net(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static String yaml(Map<String, Object> netOverrides) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(BASE);
            ObjectNode net = (ObjectNode) root.get("net_config");
            netOverrides.forEach((key, value) -> {
                if (value == null) {
                    net.remove(key);
                } else {
                    net.set(key, YAML.valueToTree(value));
                }
            });
            return YAML.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ValidatedInput validate(Map<String, Object> netOverrides) throws ValidationException {
        return validate(yaml(netOverrides), k8s());
    }

    public static ValidatedInput validate(String yaml, Flavor flavor) throws ValidationException {
        return InputValidator.validate(InputReader.read(yaml, "test.yaml"), flavor);
    }

    /** The ERR messages of a rejected input. */
    public static List<String> errors(Map<String, Object> netOverrides) {
        return errors(yaml(netOverrides), k8s());
    }

    public static List<String> errors(String yaml, Flavor flavor) {
        try {
            validate(yaml, flavor);
        } catch (ValidationException e) {
            return e.messages();
        }
        throw new AssertionError("input was accepted");
    }
}
