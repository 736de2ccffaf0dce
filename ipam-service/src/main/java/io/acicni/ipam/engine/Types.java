package io.acicni.ipam.engine;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.IpRange;
import io.acicni.ipam.allocator.Address;
import io.acicni.ipam.allocator.AddressRange;
import io.acicni.ipam.allocator.IpFamily;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Conversions between the allocator core's types and the events' types. */
final class Types {
    private Types() {
    }

    static IPAddress ip(Address address) {
        return address.toIpAddress();
    }

    static Address address(IPAddress ip) {
        return Address.from(ip);
    }

    static IpFamily family(io.acicni.events.model.IpFamily family) {
        return family == io.acicni.events.model.IpFamily.IPv4 ? IpFamily.V4 : IpFamily.V6;
    }

    static io.acicni.events.model.IpFamily family(IpFamily family) {
        return family == IpFamily.V4 ? io.acicni.events.model.IpFamily.IPv4 : io.acicni.events.model.IpFamily.IPv6;
    }

    static IpRange range(AddressRange range) {
        return new IpRange(ip(range.start()), ip(range.end()));
    }

    static AddressRange range(IpRange range) {
        return new AddressRange(address(range.start()), address(range.end()));
    }

    /**
     * The addresses covered by either list, as ranges sorted by start with overlapping ones merged
     * (adjacent ones stay apart, as the allocator reported them; both lists of one family).
     */
    static List<IpRange> union(List<IpRange> a, List<IpRange> b) {
        List<IpRange> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparing((IpRange r) -> r.start().getValue()));
        List<IpRange> out = new ArrayList<>(all.size());
        for (IpRange r : all) {
            IpRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.start().getValue().compareTo(last.end().getValue()) <= 0) {
                if (r.end().getValue().compareTo(last.end().getValue()) > 0) {
                    out.set(out.size() - 1, new IpRange(last.start(), r.end()));
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    static List<IpRange> ranges(List<AddressRange> ranges) {
        List<IpRange> out = new ArrayList<>(ranges.size());
        for (AddressRange r : ranges) {
            out.add(range(r));
        }
        return out;
    }
}
