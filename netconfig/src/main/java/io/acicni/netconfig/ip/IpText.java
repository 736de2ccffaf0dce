package io.acicni.netconfig.ip;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Strict parsing and canonical formatting of single IP addresses.
 *
 * <p>Parsing accepts what Python's {@code ipaddress.ip_address} accepts for plain addresses:
 * dotted-quad IPv4 with four decimal segments and no leading zeros, and IPv6 text (any case,
 * with or without {@code ::}, with an embedded IPv4 tail). Formatting follows RFC 5952
 * (lower case, longest run of zero fields compressed), as Python's {@code str()} does.
 */
public final class IpText {
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowPrefixOnly(false)
            .allowMask(false)
            .allowPrefix(false)
            .allowWildcardedSeparator(false)
            .setEmptyAsLoopback(false)
            .getIPv4AddressParametersBuilder()
                .allow_inet_aton(false)
                .allowLeadingZeros(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .getParentBuilder()
            .getIPv6AddressParametersBuilder()
                .allowZone(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .getParentBuilder()
            .toParams();

    private IpText() {
    }

    /** Parses one address without prefix length, or fails with Python's message. */
    public static IPAddress parseAddress(String text) throws MalformedAddressException {
        if (text == null || text.isEmpty() || !text.strip().equals(text)) {
            throw new MalformedAddressException(text == null ? "" : text);
        }
        IPAddress address = new IPAddressString(text, STRICT).getAddress();
        if (address == null) {
            throw new MalformedAddressException(text);
        }
        return address;
    }

    /** RFC 5952 text of an address, without prefix length. */
    public static String format(IPAddress address) {
        return address.withoutPrefixLength().toCanonicalString();
    }
}
