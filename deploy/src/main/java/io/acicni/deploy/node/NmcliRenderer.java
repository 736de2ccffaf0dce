package io.acicni.deploy.node;

/** The NetworkManager equivalent of {@link NetplanRenderer}: nmcli commands in a shell script. */
public final class NmcliRenderer {
    private NmcliRenderer() {
    }

    public static String render(NodeIpv6Setup setup) {
        return "#!/bin/sh\n"
                + "# aci-dualstack: IPv6 on the node subnet for node " + setup.node()
                + " (interface " + setup.iface() + ")\n"
                + "set -e\n"
                + "CONN=$(nmcli -g GENERAL.CONNECTION device show " + quote(setup.iface()) + ")\n"
                + "nmcli connection modify \"$CONN\" ipv6.method manual ipv6.addresses "
                + quote(setup.addressWithPrefix()) + " ipv6.gateway " + quote(setup.gateway()) + "\n"
                + "nmcli connection up \"$CONN\"\n";
    }

    /** Single-quotes a shell word. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
