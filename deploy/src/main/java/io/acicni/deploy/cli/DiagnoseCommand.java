package io.acicni.deploy.cli;

import io.acicni.deploy.check.SuiteConfig;
import io.acicni.deploy.diagnose.AuditSource;
import io.acicni.deploy.diagnose.DiagnoseContext;
import io.acicni.deploy.diagnose.Diagnosis;
import io.acicni.deploy.diagnose.DiagnosisPrinter;
import io.acicni.deploy.diagnose.PodDiagnoser;
import io.acicni.deploy.diagnose.ServiceDiagnoser;
import io.acicni.deploy.http.JsonHttp;
import io.acicni.deploy.target.Target;
import io.acicni.deploy.target.TargetException;
import io.acicni.deploy.target.TargetResolver;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code aci-dualstack diagnose pod|service NAMESPACE/NAME}: the troubleshooting list for one object. */
@Command(name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {
            "Walk the troubleshooting list for one pod or service and end with a verdict",
            "(OK / PROBLEM: ...) and the next thing to check.",
            "Exit 0 if OK, 1 if a problem was found, 2 if the object does not exist."},
        subcommands = {DiagnoseCommand.Pod.class, DiagnoseCommand.Svc.class})
public class DiagnoseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ExecutionException(spec.commandLine(), "no subcommand");
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TargetMixin target;

        @Parameters(index = "0", paramLabel = "NAMESPACE/NAME", description = "the object; a bare NAME means namespace default")
        String object;

        @Option(names = "--debug", description = "show stack traces of unexpected errors")
        boolean debug;

        abstract Diagnosis diagnose(DiagnoseContext ctx, String namespace, String name);

        @Override
        public Integer call() {
            Console console = new Console(spec.commandLine().getErr(), debug);
            String namespace = "default";
            String name = object;
            int slash = object.indexOf('/');
            if (slash >= 0) {
                namespace = object.substring(0, slash);
                name = object.substring(slash + 1);
            }
            if (namespace.isEmpty() || name.isEmpty() || name.contains("/")) {
                console.error("expected NAMESPACE/NAME, got " + object);
                return ExitCodes.ERROR;
            }
            try (Target t = new TargetResolver(System.getenv()).resolve(target.options())) {
                console.info("Target: " + t.description());
                DiagnoseContext ctx = new DiagnoseContext(t.kube(), SuiteConfig.find(t.kube(), t.namespace()), t.nodes(),
                        t.ipamUrl(), t.kafka().map(AuditSource::kafka).orElseGet(() -> AuditSource.none(t.kafkaMissing())),
                        new JsonHttp());
                Diagnosis d = diagnose(ctx, namespace, name);
                DiagnosisPrinter.print(d, spec.commandLine().getOut());
                return !d.found() ? ExitCodes.NOT_FOUND : d.ok() ? ExitCodes.OK : ExitCodes.ERROR;
            } catch (TargetException e) {
                console.error(e.getMessage());
                return ExitCodes.ERROR;
            } catch (KubernetesClientException e) {
                CliErrors.report(console, "cannot read the cluster", e);
                return ExitCodes.ERROR;
            }
        }
    }

    @Command(name = "pod", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Diagnose a pod: podIPs and the node's ranges, ipam's record, the .ep file on its node,",
                "the node's checks (default routes, IPv6 forwarding), audit events and Warning events."})
    static class Pod extends Base {
        @Override
        Diagnosis diagnose(DiagnoseContext ctx, String namespace, String name) {
            return new PodDiagnoser(ctx).diagnose(namespace, name);
        }
    }

    @Command(name = "service", aliases = "svc", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Diagnose a service: families, cluster IPs, LoadBalancer IPs and LbIpamAllocation,",
                "ready endpoints per family, ipam's record, the .service files on the nodes and their",
                "service-ip mappings, audit events and Warning events."})
    static class Svc extends Base {
        @Override
        Diagnosis diagnose(DiagnoseContext ctx, String namespace, String name) {
            return new ServiceDiagnoser(ctx).diagnose(namespace, name);
        }
    }
}
