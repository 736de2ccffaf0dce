package io.acicni.netconfig.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import inet.ipaddr.IPAddress;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;
import io.acicni.netconfig.ip.MalformedAddressException;

/**
 * An inclusive address range {@code {"end": ..., "start": ...}}, one family only, as in
 * {@code pod-ip-pool}, {@code service-ip-pool}, {@code static-service-ip-pool},
 * {@code node-service-ip-pool}.
 */
@JsonPropertyOrder({"end", "start"})
public record IpRange(@JsonProperty("start") String start, @JsonProperty("end") String end) {

    public static IpRange of(IPAddress start, IPAddress end) {
        return new IpRange(IpText.format(start), IpText.format(end));
    }

    @JsonIgnore
    public IPAddress startAddress() {
        return address(start);
    }

    @JsonIgnore
    public IPAddress endAddress() {
        return address(end);
    }

    @JsonIgnore
    public IpFamily family() {
        return IpFamily.of(startAddress());
    }

    /** Both ends valid, of one family, start not after end. */
    void check(String key) {
        IPAddress s;
        IPAddress e;
        try {
            s = address(start);
            e = address(end);
        } catch (ConfigReadException ex) {
            throw new ConfigReadException(key + ": " + ex.getMessage(), ex);
        }
        if (s.isIPv4() != e.isIPv4()) {
            throw new ConfigReadException(key + ": range " + start + " - " + end + " mixes IPv4 and IPv6");
        }
        if (s.compareTo(e) > 0) {
            throw new ConfigReadException(key + ": range " + start + " - " + end + " ends before it starts");
        }
    }

    private static IPAddress address(String text) {
        try {
            return IpText.parseAddress(text);
        } catch (MalformedAddressException e) {
            throw new ConfigReadException("'" + text + "' is not an IP address", e);
        }
    }
}
