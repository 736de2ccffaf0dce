package io.acicni.netconfig.config;

/** An {@code aci-containers-config} value that cannot be read: bad JSON, a bad address, a mixed range. */
public class ConfigReadException extends RuntimeException {
    public ConfigReadException(String message) {
        super(message);
    }

    public ConfigReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
