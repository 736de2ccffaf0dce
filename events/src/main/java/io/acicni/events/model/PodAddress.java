package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import inet.ipaddr.IPAddress;
import io.acicni.events.serde.InvalidEventException;

/**
 * One address of a pod with the prefix length and gateway of the pod subnet that contains it, as the
 * CNI result needs them.
 */
@JsonPropertyOrder({"address", "prefixLength", "gateway"})
public record PodAddress(@JsonProperty(required = true) IPAddress address,
                         @JsonProperty(required = true) int prefixLength,
                         @JsonProperty(required = true) IPAddress gateway) {

    public PodAddress {
        Require.present(address, "address");
        Require.present(gateway, "gateway");
        int max = address.getBitCount();
        if (prefixLength < 1 || prefixLength > max) {
            throw new InvalidEventException("prefixLength", "must be 1.." + max + " for " + IpFamily.of(address) + ", got " + prefixLength);
        }
        if (address.isIPv4() != gateway.isIPv4()) {
            throw new InvalidEventException("gateway", "family differs from address " + address + ": " + gateway);
        }
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }
}
