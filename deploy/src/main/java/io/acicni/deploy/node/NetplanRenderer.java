package io.acicni.deploy.node;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.deploy.manifest.YamlDocuments;

/**
 * A netplan file that gives the node interface its IPv6 address and IPv6 default route. Netplan
 * merges it with the node's other files, so its IPv4 setup stays as it is.
 */
public final class NetplanRenderer {
    private NetplanRenderer() {
    }

    public static String render(NodeIpv6Setup setup) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode iface = f.objectNode();
        iface.putArray("addresses").add(setup.addressWithPrefix());
        ObjectNode route = iface.putArray("routes").addObject();
        route.put("to", "::/0");
        route.put("via", setup.gateway());
        ObjectNode network = f.objectNode();
        network.put("version", 2);
        network.putObject("ethernets").set(setup.iface(), iface);
        ObjectNode root = f.objectNode();
        root.set("network", network);
        return "# aci-dualstack: IPv6 on the node subnet for node " + setup.node() + "\n"
                + YamlDocuments.write(root);
    }
}
