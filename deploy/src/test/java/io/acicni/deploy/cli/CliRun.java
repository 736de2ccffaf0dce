package io.acicni.deploy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the command line with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AciDualstack.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().filter(l -> l.startsWith("ERR:")).toList();
    }

    List<String> errorOutputLines() {
        return err.lines().toList();
    }
}
