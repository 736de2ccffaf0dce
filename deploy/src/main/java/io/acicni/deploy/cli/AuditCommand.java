package io.acicni.deploy.cli;

import io.acicni.deploy.audit.AuditFilter;
import io.acicni.deploy.audit.AuditFormat;
import io.acicni.deploy.audit.AuditReader;
import io.acicni.deploy.audit.AuditRecord;
import io.acicni.deploy.audit.Since;
import io.acicni.deploy.target.Target;
import io.acicni.deploy.target.TargetException;
import io.acicni.deploy.target.TargetResolver;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** {@code aci-dualstack audit}: reads (and with -f follows) {@code acicni.audit}, one line per event. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show who changed which address, file or fabric object, when and why: the events on",
            "topic acicni.audit, read_committed, oldest first. Without --follow it reads to the",
            "current end and exits 0; with --follow it keeps printing new events until Ctrl-C."})
public class AuditCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    @Option(names = "--subject", paramLabel = "S", description = "only subjects containing S (e.g. pod/default/web-1, node/worker-1, apic/, file/worker-1/)")
    String subject;

    @Option(names = "--exact", description = "--subject must equal the subject")
    boolean exact;

    @Option(names = "--service", paramLabel = "NAME", description = "only events of this service (ipam-service, apic-sync-service, ep-writer-service)")
    String service;

    @Option(names = "--since", paramLabel = "DURATION|TIME", description = "from this long ago (90s, 15m, 2h, 7d) or this time (2025-01-31T10:00:00Z); default: the whole topic")
    String since;

    @Option(names = {"-f", "--follow"}, description = "keep printing new events until interrupted")
    boolean follow;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json (one JSON event per line)")
    OutputFormat output;

    @Option(names = "--limit", paramLabel = "N", description = "only the last N matching events already on the topic")
    Integer limit;

    @Option(names = "--debug", description = "show stack traces of unexpected errors")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Console console = new Console(spec.commandLine().getErr(), debug);
        if (limit != null && limit < 0) {
            console.error("--limit must be 0 or more, got " + limit);
            return ExitCodes.ERROR;
        }
        Instant from;
        try {
            from = since == null ? null : Since.parse(since, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return ExitCodes.ERROR;
        }
        Properties kafka;
        try (Target t = new TargetResolver(System.getenv()).resolve(target.options())) {
            if (t.kafka().isEmpty()) {
                console.error(t.kafkaMissing());
                return ExitCodes.ERROR;
            }
            kafka = t.kafka().get();
            console.info("Target: " + t.description() + ", Kafka " + kafka.getProperty("bootstrap.servers"));
        } catch (TargetException e) {
            console.error(e.getMessage());
            return ExitCodes.ERROR;
        }
        AuditFilter filter = AuditFilter.subject(subject, exact, service, from);
        Consumer<AuditRecord> print = r -> {
            out.println(output == OutputFormat.json ? AuditFormat.json(r.event()) : AuditFormat.text(r.event()));
            out.flush();
        };
        try (AuditReader reader = new AuditReader(kafka, Duration.ofSeconds(60))) {
            List<AuditRecord> existing = reader.readToEnd(filter);
            if (limit != null && existing.size() > limit) {
                existing = existing.subList(existing.size() - limit, existing.size());
            }
            existing.forEach(print);
            if (follow) {
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch done = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    stop.set(true);
                    reader.wakeup();
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "audit-follow-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    reader.follow(filter, print, stop::get);
                } finally {
                    done.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is what stopped us
                    }
                }
            }
            if (reader.skipped() > 0) {
                console.warn(reader.skipped() + " records on the topic were not valid audit events and were skipped");
            }
            return ExitCodes.OK;
        } catch (KafkaException | IllegalStateException e) {
            CliErrors.report(console, "cannot read acicni.audit", e);
            return ExitCodes.ERROR;
        }
    }
}
