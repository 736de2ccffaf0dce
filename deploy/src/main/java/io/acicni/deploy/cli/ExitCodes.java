package io.acicni.deploy.cli;

/**
 * Exit codes: 0 on success, 1 on any error (acc-provision's habit, also for usage errors) and, for
 * {@code validate} and {@code diagnose}, when a check fails or a problem is found; 2 when
 * {@code diagnose} is asked about an object that does not exist.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int NOT_FOUND = 2;

    private ExitCodes() {
    }
}
