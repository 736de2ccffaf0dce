package io.acicni.testkit.kube;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Runs the Kubernetes API double as a process for the local run:
 * {@code java io.acicni.testkit.kube.KubernetesApiDoubleMain --kubeconfig FILE [--port 0]
 * [--service-cidrs 10.96.0.0/16,fd00:96::/108] [--cni-url http://127.0.0.1:8083]
 * [--cni-node-url node=url ...] [--cni-token-file var/{node}/metadata/cni-token] [--cni-timeout 30]
 * [--cluster FILE|sample]}. The first line on standard output is {@code KUBE_API_URL=<url>}; it then
 * serves until the process is stopped. Without {@code --cni-url} there is no kubelet.
 */
public final class KubernetesApiDoubleMain {
    private static final Logger LOG = Logger.getLogger(KubernetesApiDoubleMain.class.getName());

    private KubernetesApiDoubleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KubernetesApiDouble.Builder b = KubernetesApiDouble.builder();
        Path kubeconfig = null;
        String cniUrl = null;
        Map<String, URI> nodeUrls = new HashMap<>();
        String tokenTemplate = "var/{node}/metadata/cni-token";
        Duration cniTimeout = Duration.ofSeconds(30);
        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--kubeconfig" -> kubeconfig = Path.of(need(v, args[i++]));
                case "--port" -> b.port(Integer.parseInt(need(v, args[i++])));
                case "--service-cidrs" -> b.serviceCidrs(ServiceCidrs.of(need(v, args[i++]).split(",")));
                case "--cni-url" -> cniUrl = need(v, args[i++]);
                case "--cni-node-url" -> {
                    String pair = need(v, args[i++]);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--cni-node-url wants node=url, got '" + pair + "'");
                    }
                    nodeUrls.put(pair.substring(0, eq), URI.create(pair.substring(eq + 1)));
                }
                case "--cni-token-file" -> tokenTemplate = need(v, args[i++]);
                case "--cni-timeout" -> cniTimeout = Duration.ofSeconds(Long.parseLong(need(v, args[i++])));
                case "--cluster" -> clusters.add(need(v, args[i++]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (cniUrl != null || !nodeUrls.isEmpty()) {
            URI fallback = cniUrl == null ? null : URI.create(cniUrl);
            String template = tokenTemplate;
            b.cniPlugin(new HttpCniPlugin(node -> {
                URI uri = nodeUrls.getOrDefault(node, fallback);
                if (uri == null) {
                    throw new CniPluginException(7, "no CNI endpoint for node " + node + " (--cni-url / --cni-node-url)", false);
                }
                return uri;
            }, node -> Path.of(template.replace("{node}", node)), cniTimeout));
        }
        KubernetesApiDouble kube = b.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(kube::close, "kube-double-shutdown"));
        if (kubeconfig != null) {
            kube.writeKubeconfig(kubeconfig);
        }
        ClusterLoader loader = new ClusterLoader(kube.client());
        for (String cluster : clusters) {
            int count = "sample".equals(cluster) ? loader.applySample().size() : loader.apply(Path.of(cluster)).size();
            LOG.info("applied " + count + " objects from " + cluster);
        }
        System.out.println("KUBE_API_URL=" + kube.url());
        System.out.flush();
        LOG.info("Kubernetes API double ready at " + kube.url() + (kubeconfig == null ? "" : ", kubeconfig " + kubeconfig)
                + ", service CIDRs " + kube.serviceCidrs());
        new CountDownLatch(1).await();
    }

    private static String need(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
