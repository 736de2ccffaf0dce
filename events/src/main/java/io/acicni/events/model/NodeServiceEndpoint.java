package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import inet.ipaddr.IPAddress;
import io.acicni.events.serde.InvalidEventException;

import java.util.regex.Pattern;

/**
 * A node's service endpoint: the MAC and one address per family used as the policy-based-redirect
 * destination for LoadBalancer traffic (annotation {@code opflex.cisco.com/service-endpoint}). A family
 * whose pool is empty or exhausted is absent.
 */
@JsonPropertyOrder({"mac", "ipv4", "ipv6"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeServiceEndpoint(@JsonProperty(required = true) String mac, IPAddress ipv4, IPAddress ipv6) {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public NodeServiceEndpoint {
        Require.text(mac, "mac");
        if (!MAC.matcher(mac).matches()) {
            throw new InvalidEventException("mac", "must be six lower-case hex octets separated by ':', got '" + mac + "'");
        }
        if (ipv4 != null && !ipv4.isIPv4()) {
            throw new InvalidEventException("ipv4", "is not an IPv4 address: " + ipv4);
        }
        if (ipv6 != null && !ipv6.isIPv6()) {
            throw new InvalidEventException("ipv6", "is not an IPv6 address: " + ipv6);
        }
    }

    /** The address of a family, or null. */
    public IPAddress address(IpFamily family) {
        return family == IpFamily.IPv4 ? ipv4 : ipv6;
    }
}
