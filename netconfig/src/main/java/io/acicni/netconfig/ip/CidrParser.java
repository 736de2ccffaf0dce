package io.acicni.netconfig.ip;

import inet.ipaddr.IPAddress;

/**
 * Parses acc-provision subnet strings in two steps, mirroring where acc-provision looks at them:
 * the family comes from the text before the first {@code /} only ({@link #family}); the whole
 * CIDR is parsed later ({@link #parse}), where acc-provision would crash on a bad prefix and we
 * give a clear reason instead.
 */
public final class CidrParser {
    private CidrParser() {
    }

    /** The text before the first {@code /}, as {@code subnet.split('/')[0]} gives it. */
    public static String addressPart(String subnet) {
        int slash = subnet.indexOf('/');
        return slash < 0 ? subnet : subnet.substring(0, slash);
    }

    /** Detects the family from the address part only. */
    public static IpFamily family(String subnet) throws MalformedAddressException {
        return IpFamily.of(IpText.parseAddress(addressPart(subnet)));
    }

    public static Cidr parse(String subnet) throws CidrFormatException, MalformedAddressException {
        IPAddress address = IpText.parseAddress(addressPart(subnet));
        IpFamily family = IpFamily.of(address);
        int slash = subnet.indexOf('/');
        if (slash < 0) {
            throw new CidrFormatException("has no prefix length; write it as <address>/<length>");
        }
        String lengthText = subnet.substring(slash + 1);
        int length = prefixLength(lengthText, family);
        if (length > family.longestUsablePrefixLength()) {
            throw new CidrFormatException("/" + length + " has too few host addresses for a gateway and a pool"
                    + " (" + family.label() + " needs /" + family.longestUsablePrefixLength() + " or shorter)");
        }
        return new Cidr(subnet, address, length);
    }

    private static int prefixLength(String text, IpFamily family) throws CidrFormatException {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (family == IpFamily.IPV4) {
                Integer fromMask = netmaskLength(text);
                if (fromMask != null) {
                    return fromMask;
                }
            }
            throw new CidrFormatException("has an invalid prefix length '" + text + "'");
        }
        String digits = text.replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 3 || Integer.parseInt(digits) > family.maxPrefixLength()) {
            throw new CidrFormatException("has prefix length /" + digits + ", longer than the "
                    + family.maxPrefixLength() + " bits of an " + family.label() + " address");
        }
        return Integer.parseInt(digits);
    }

    /** Python's ip_network also accepts a dotted netmask such as 255.255.255.0 for IPv4. */
    private static Integer netmaskLength(String text) {
        IPAddress mask;
        try {
            mask = IpText.parseAddress(text);
        } catch (MalformedAddressException e) {
            return null;
        }
        if (!mask.isIPv4()) {
            return null;
        }
        Integer length = mask.getBlockMaskPrefixLength(true);
        return length;
    }
}
