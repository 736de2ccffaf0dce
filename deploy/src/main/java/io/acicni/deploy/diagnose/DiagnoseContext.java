package io.acicni.deploy.diagnose;

import io.acicni.deploy.check.SuiteConfig;
import io.acicni.deploy.http.JsonHttp;
import io.acicni.deploy.target.NodeAccess;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Optional;

/**
 * What a diagnosis may look at.
 *
 * @param kube    the Kubernetes API
 * @param config  the suite's ConfigMap, if found (primary family, directories)
 * @param nodes   nodes whose ep-writer (and, locally, directories) are known
 * @param ipamUrl ipam's base URL, if known
 * @param audit   the audit history
 * @param http    for ep-writer and ipam
 */
public record DiagnoseContext(KubernetesClient kube, Optional<SuiteConfig> config, Map<String, NodeAccess> nodes,
                              Optional<String> ipamUrl, AuditSource audit, JsonHttp http) {

    public NodeFiles files() {
        return new NodeFiles(nodes, http);
    }

    /** Where .ep files live on a real node, per the host-agent config. */
    public String endpointDir() {
        return config.map(SuiteConfig::hostAgent).map(h -> h.opflexEndpointDir())
                .orElse(io.acicni.netconfig.config.HostAgentConfig.DEFAULT_ENDPOINT_DIR);
    }

    /** Where .service files live on a real node, per the host-agent config. */
    public String serviceDir() {
        return config.map(SuiteConfig::hostAgent).map(h -> h.opflexServiceDir())
                .orElse(io.acicni.netconfig.config.HostAgentConfig.DEFAULT_SERVICE_DIR);
    }
}
