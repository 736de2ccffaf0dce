package io.acicni.netconfig.input;

/** {@code logging}: log levels of the controller and host agent, default {@code info}. */
public record LoggingConfig(String controllerLogLevel, String hostagentLogLevel, String opflexagentLogLevel) {
    public static final LoggingConfig DEFAULT = new LoggingConfig("info", "info", "info");
}
