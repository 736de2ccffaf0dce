package io.acicni.deploy.cli;

import io.acicni.deploy.check.CheckResult;
import io.acicni.deploy.check.ClusterSnapshot;
import io.acicni.deploy.check.ResultPrinter;
import io.acicni.deploy.check.Validator;
import io.acicni.deploy.target.Target;
import io.acicni.deploy.target.TargetException;
import io.acicni.deploy.target.TargetResolver;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code aci-dualstack validate}: the dual-stack validation list, PASS/FAIL/SKIP with evidence. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check that the cluster is dual-stack end to end: both families in ConfigMap",
            "aci-containers-config, both subnets under the node and pod BDs in the APIC,",
            "V4 and V6 pod ranges on every node, one IP per family (primary first) on every",
            "pod, both cluster IPs on every dual-stack service.",
            "Exit 0 when nothing FAILs (SKIP allowed), 1 otherwise."})
public class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: [{check, status, evidence[]}]")
    OutputFormat output;

    @Option(names = "--debug", description = "show stack traces of unexpected errors")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Console console = new Console(spec.commandLine().getErr(), debug);
        try (Target t = new TargetResolver(System.getenv()).resolve(target.options())) {
            console.info("Target: " + t.description());
            ClusterSnapshot snapshot = ClusterSnapshot.load(t.kube(), t.namespace());
            List<CheckResult> results = Validator.validate(snapshot, t.namespace(), t.apic(), t.apicMissing());
            if (output == OutputFormat.json) {
                ResultPrinter.json(results, out);
            } else {
                ResultPrinter.text(results, out);
            }
            return Validator.passed(results) ? ExitCodes.OK : ExitCodes.ERROR;
        } catch (TargetException e) {
            console.error(e.getMessage());
            return ExitCodes.ERROR;
        } catch (KubernetesClientException e) {
            CliErrors.report(console, "cannot read the cluster", e);
            return ExitCodes.ERROR;
        }
    }
}
