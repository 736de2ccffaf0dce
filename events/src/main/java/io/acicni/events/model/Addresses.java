package io.acicni.events.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import io.acicni.events.serde.InvalidEventException;

/**
 * Parsing and printing of single addresses as the events carry them: one host address, no prefix,
 * no wildcard, no inet_aton short forms; IPv6 printed in RFC 5952 canonical form.
 */
public final class Addresses {
    private static final IPAddressStringParameters SINGLE_ADDRESS = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowPrefix(false)
            .allowMask(false)
            .allowSingleSegment(false)
            .allowWildcardedSeparator(false)
            .allow_inet_aton(false)
            .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .toParams();

    private Addresses() {
    }

    /**
     * Parses a single host address.
     *
     * @param field the field named in the error when the text is not exactly one address
     */
    public static IPAddress parse(String text, String field) {
        if (text == null) {
            throw new InvalidEventException(field, "is required");
        }
        try {
            return new IPAddressString(text.trim(), SINGLE_ADDRESS).toAddress();
        } catch (AddressStringException e) {
            throw new InvalidEventException(field, "is not a single IP address: '" + text + "'");
        }
    }

    /** The text of an address: dotted quad for IPv4, RFC 5952 for IPv6. */
    public static String format(IPAddress address) {
        return address.toCanonicalString();
    }
}
