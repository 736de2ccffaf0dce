package io.acicni.netconfig.derive;

import io.acicni.netconfig.config.CniNetConfig;
import io.acicni.netconfig.config.CniRoute;
import io.acicni.netconfig.config.IpRange;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpText;

import java.util.List;

/** Pools and pod network entries derived from subnets, as acc-provision's {@code cidr_split} does. */
public final class Pools {
    private Pools() {
    }

    /** network+2 … last-1. */
    public static IpRange pool(Cidr cidr) {
        return IpRange.of(cidr.firstPoolAddress(), cidr.lastPoolAddress());
    }

    public static List<IpRange> pools(List<Cidr> cidrs) {
        return cidrs.stream().map(Pools::pool).toList();
    }

    /** {@code {gateway: net+1, routes: [{dst: default route, gw: net+1}], subnet: <network>/<len>}}. */
    public static CniNetConfig cniNetConfig(Cidr cidr) {
        String gateway = IpText.format(cidr.gateway());
        return new CniNetConfig(gateway, List.of(new CniRoute(cidr.family().defaultRoute(), gateway)),
                cidr.networkText());
    }

    public static List<CniNetConfig> cniNetConfigs(List<Cidr> cidrs) {
        return cidrs.stream().map(Pools::cniNetConfig).toList();
    }
}
