package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import inet.ipaddr.IPAddress;
import io.acicni.events.serde.InvalidEventException;

/** An inclusive range of addresses of one family, as in Cisco's {@code {"start","end"}} objects. */
@JsonPropertyOrder({"start", "end"})
public record IpRange(@JsonProperty(required = true) IPAddress start,
                      @JsonProperty(required = true) IPAddress end) {

    public IpRange {
        Require.present(start, "start");
        Require.present(end, "end");
        if (start.isIPv4() != end.isIPv4()) {
            throw new InvalidEventException("end", "family differs from start: " + start + " .. " + end);
        }
        if (start.compareTo(end) > 0) {
            throw new InvalidEventException("end", "is before start: " + start + " .. " + end);
        }
    }

    public IpFamily family() {
        return IpFamily.of(start);
    }

    /** Whether the address lies inside this range. */
    public boolean contains(IPAddress address) {
        return address.isIPv4() == start.isIPv4() && start.compareTo(address) <= 0 && address.compareTo(end) <= 0;
    }
}
