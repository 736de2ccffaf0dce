package io.acicni.localrun.suite;

import java.nio.file.Path;

/**
 * Where a local run keeps its files, all under one {@code var} directory:
 * <pre>
 * var/suite.json            how to reach the running suite (validate, diagnose, audit read it)
 * var/config/               controller.conf, host-agent.conf, apic-fabric.txt, kubeconfig, apic-ca.pem
 * var/kafka/                the embedded broker's log dirs
 * var/logs/&lt;process&gt;.log   each service's output
 * var/&lt;node&gt;/endpoints/     .ep files of the simulated node (opflex-endpoint-dir)
 * var/&lt;node&gt;/services/      .service files (opflex-service-dir)
 * var/&lt;node&gt;/metadata/      ep-writer's own state and the CNI token
 * var/&lt;node&gt;/proc/          the node's /proc files the ep-writer checks (simulated healthy node)
 * </pre>
 */
public record SuiteLayout(Path home, Path var) {

    public SuiteLayout {
        home = home.toAbsolutePath().normalize();
        var = var.toAbsolutePath().normalize();
    }

    public Path config() {
        return var.resolve("config");
    }

    public Path controllerConfig() {
        return config().resolve("controller.conf");
    }

    public Path hostAgentConfig() {
        return config().resolve("host-agent.conf");
    }

    public Path fabricObjects() {
        return config().resolve("apic-fabric.txt");
    }

    public Path kubeconfig() {
        return config().resolve("kubeconfig");
    }

    public Path apicCa() {
        return config().resolve("apic-ca.pem");
    }

    public Path apicPassword() {
        return config().resolve("apic-password");
    }

    public Path kafka() {
        return var.resolve("kafka");
    }

    public Path logs() {
        return var.resolve("logs");
    }

    public Path log(String process) {
        return logs().resolve(process.replace('/', '-') + ".log");
    }

    public Path node(String node) {
        return var.resolve(node);
    }

    public Path endpointDir(String node) {
        return node(node).resolve("endpoints");
    }

    public Path serviceDir(String node) {
        return node(node).resolve("services");
    }

    public Path metadataDir(String node) {
        return node(node).resolve("metadata");
    }

    public Path proc(String node) {
        return node(node).resolve("proc");
    }

    /** A service's packaged app: {@code <home>/<module>/target/quarkus-app/quarkus-run.jar}. */
    public Path app(String module) {
        return home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
