package io.acicni.netconfig.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.CidrParser;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.List;

/**
 * One {@code cni-netconfig} entry of the host-agent config: a pod subnet as
 * {@code <network>/<len>}, its gateway (network+1) and routes. Which families appear here decides
 * which families a pod gets.
 */
@JsonPropertyOrder({"gateway", "routes", "subnet"})
public record CniNetConfig(
        @JsonProperty("gateway") String gateway,
        @JsonProperty("routes") List<CniRoute> routes,
        @JsonProperty("subnet") String subnet) {

    public CniNetConfig {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    @JsonIgnore
    public IpFamily family() {
        try {
            return CidrParser.family(subnet);
        } catch (MalformedAddressException e) {
            throw new ConfigReadException("cni-netconfig subnet " + subnet + " is not a subnet", e);
        }
    }
}
