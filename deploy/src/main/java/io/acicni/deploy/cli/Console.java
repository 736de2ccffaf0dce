package io.acicni.deploy.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * acc-provision's message habit: {@code INFO:}, {@code WARN:}, {@code ERR:  } (two spaces) and
 * {@code DBG:} lines on stderr.
 */
public final class Console {
    public static final String INFO = "INFO: ";
    public static final String WARN = "WARN: ";
    public static final String ERR = "ERR:  ";
    public static final String DBG = "DBG: ";

    private final PrintWriter err;
    private final boolean debug;

    public Console(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    public void info(String message) {
        line(INFO + message);
    }

    public void warn(String message) {
        line(WARN + message);
    }

    public void error(String message) {
        line(ERR + message);
    }

    public void debug(String message) {
        if (debug) {
            line(DBG + message);
        }
    }

    public boolean isDebug() {
        return debug;
    }

    /** Lines that already carry their prefix. */
    public void lines(List<String> lines) {
        lines.forEach(this::line);
    }

    public PrintWriter writer() {
        return err;
    }

    private void line(String line) {
        err.println(line);
        err.flush();
    }
}
