package io.acicni.deploy.cli;

/** Exit codes: 0 on success, 1 on any error (acc-provision's habit, also for usage errors). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;

    private ExitCodes() {
    }
}
