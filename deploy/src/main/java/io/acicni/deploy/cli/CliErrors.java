package io.acicni.deploy.cli;

/** One ERR line for an unexpected failure; the stack trace with --debug. */
final class CliErrors {
    private CliErrors() {
    }

    static void report(Console console, String what, Throwable e) {
        if (console.isDebug()) {
            e.printStackTrace(console.writer());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (root != e && root.getMessage() != null) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage().lines().findFirst().orElse("") + ")";
        }
        console.error(what + ": " + message);
    }
}
