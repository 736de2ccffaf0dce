package io.acicni.netconfig.ip;

/** An address text that is neither an IPv4 nor an IPv6 address. */
public class MalformedAddressException extends Exception {
    private final String addressText;

    public MalformedAddressException(String addressText) {
        super("'" + addressText + "' does not appear to be an IPv4 or IPv6 address");
        this.addressText = addressText;
    }

    public String addressText() {
        return addressText;
    }
}
