package io.acicni.localrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.logging.LogManager;

/**
 * The local-machine half of the {@code aci-dualstack} command line ({@code up}, {@code bench}); the
 * launcher script sends those subcommands here and everything else to the deploy module's CLI, so
 * the production CLI never carries the test doubles.
 */
@Command(name = "aci-dualstack",
        mixinStandardHelpOptions = true,
        description = "Runs the whole aci-dualstack suite on this machine.",
        subcommands = {UpCommand.class, io.acicni.localrun.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public class LocalRun implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        quietLogging();
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** The in-process broker and doubles log warnings only (their own logging.properties), unless configured otherwise. */
    public static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = LocalRun.class.getResourceAsStream("/io/acicni/localrun/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("WARN: default logging configuration not loaded: " + e.getMessage());
        }
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new LocalRun());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ERR:  " + ex.getMessage());
            commandLine.getErr().flush();
            return 1;
        });
        return cl.execute(args);
    }
}
