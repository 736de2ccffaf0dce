package io.acicni.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * The {@code aci-dualstack} command line. Subcommands: {@code provision}, {@code validate},
 * {@code diagnose pod|service}, {@code audit}; {@code up} joins the same tree.
 */
@Command(name = "aci-dualstack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Dual-stack (IPv4 + IPv6) networking for Kubernetes and OpenShift on Cisco ACI.",
        subcommands = {ProvisionCommand.class, ValidateCommand.class, DiagnoseCommand.class, AuditCommand.class,
            CommandLine.HelpCommand.class})
public class AciDualstack implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: usage on stderr, exit 1 (acc-provision's habit). */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ExecutionException(spec.commandLine(), "no subcommand");
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Library logging (Kafka client, fabric8, Vert.x, the APIC client) is for services, not for a
     * command line whose findings are its output: only WARNING and worse reach stderr, and Vert.x's
     * blocked-thread notices of a loaded machine not even those.
     */
    static void quietLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        VERTX_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Held so the level set in {@link #quietLogging()} is not lost to garbage collection. */
    private static final java.util.logging.Logger VERTX_LOG = java.util.logging.Logger.getLogger("io.vertx");

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new AciDualstack());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            PrintWriter writer = ex.getCommandLine().getErr();
            writer.println(Console.ERR + ex.getMessage());
            writer.println(Console.INFO + "Run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage");
            writer.flush();
            return ExitCodes.ERROR;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            if (!"no subcommand".equals(ex.getMessage())) {
                cl.getErr().println(Console.ERR + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                cl.getErr().flush();
            }
            return ExitCodes.ERROR;
        });
        return commandLine.execute(args);
    }
}
