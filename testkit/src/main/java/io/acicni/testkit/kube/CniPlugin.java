package io.acicni.testkit.kube;

import java.util.List;

/** What the double's kubelet calls to set up and tear down a pod's network, one node at a time. */
public interface CniPlugin {

    /**
     * CNI ADD: the addresses the pod got, with their prefix lengths.
     *
     * @throws CniPluginException when the plugin reports an error
     */
    List<CniAddress> add(String node, String namespace, String name, String uid, String containerId, String ifName, String netns);

    /** CNI DEL: idempotent. */
    void del(String node, String namespace, String name, String uid, String containerId, String ifName, String netns);
}
