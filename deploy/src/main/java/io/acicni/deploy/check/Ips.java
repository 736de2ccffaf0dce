package io.acicni.deploy.check;

import inet.ipaddr.IPAddress;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.CidrFormatException;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Address text as Kubernetes, the APIC and the files carry it: families, canonical forms, labels. */
public final class Ips {
    private Ips() {
    }

    public static Optional<IPAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(IpText.parseAddress(text.strip()));
        } catch (MalformedAddressException e) {
            return Optional.empty();
        }
    }

    /** The family of an address, empty when the text is not one address. */
    public static Optional<IpFamily> family(String text) {
        return parse(text).map(IpFamily::of);
    }

    /** RFC 5952 / dotted-quad text, or the text itself when it is not an address. */
    public static String canonical(String text) {
        return parse(text).map(IpText::format).orElse(text);
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }

    /** {@code <address>/<len>} parsed, empty when it is not a subnet. */
    public static Optional<Cidr> cidr(String text) {
        try {
            return Optional.of(Cidr.parse(text.strip()));
        } catch (CidrFormatException | MalformedAddressException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether two subnet texts name the same address and prefix length. */
    public static boolean sameSubnet(String a, String b) {
        Optional<Cidr> x = cidr(a);
        Optional<Cidr> y = cidr(b);
        return x.isPresent() && y.isPresent() && x.get().prefixLength() == y.get().prefixLength()
                && x.get().address().equals(y.get().address());
    }

    /** "IPv4" / "IPv6" / "?". */
    public static String label(String text) {
        return family(text).map(IpFamily::label).orElse("not an IP address");
    }

    /** {@code 10.2.0.5 (IPv4), 1:2::5 (IPv6)}. */
    public static String withFamilies(List<String> addresses) {
        if (addresses.isEmpty()) {
            return "none";
        }
        return addresses.stream().map(a -> a + " (" + label(a) + ")").collect(Collectors.joining(", "));
    }

    /** The families of a list of address texts, in order (unparsable ones left out). */
    public static List<IpFamily> families(List<String> addresses) {
        return addresses.stream().map(Ips::family).flatMap(Optional::stream).toList();
    }
}
