package io.acicni.epwriter.cni;

/**
 * What the CNI plugin sends for ADD, DEL and CHECK: the CNI parameters plus the Kubernetes pod identity
 * from {@code CNI_ARGS} ({@code K8S_POD_NAMESPACE}, {@code K8S_POD_NAME}, {@code K8S_POD_UID}).
 *
 * @param hostVeth the host-side veth name when the plugin chose it; otherwise derived from the container id
 */
public record CniRequest(String cniVersion, String command, String containerId, String netns, String ifName,
                         String podNamespace, String podName, String podUid, String hostVeth) {
}
