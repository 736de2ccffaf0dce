package io.acicni.netconfig.ip;

/** A subnet whose address is fine but whose {@code /len} part is missing, invalid or too long. */
public class CidrFormatException extends Exception {
    public CidrFormatException(String message) {
        super(message);
    }
}
