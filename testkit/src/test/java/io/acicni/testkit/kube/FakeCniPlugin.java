package io.acicni.testkit.kube;

import inet.ipaddr.IPAddressString;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out 10.2.<node>.<n>/24 and 2001:fb8:42:<node>::<n>/64, in the given order; records every call. */
final class FakeCniPlugin implements CniPlugin {
    record Call(String command, String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);
    private final boolean v6First;

    FakeCniPlugin(boolean v6First) {
        this.v6First = v6First;
    }

    @Override
    public List<CniAddress> add(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
        calls.add(new Call("ADD", node, namespace, name, uid, containerId, ifName, netns));
        Integer fail = failuresLeft.computeIfPresent(name, (k, v) -> v - 1);
        if (fail != null && fail >= 0) {
            throw new CniPluginException(CniPluginException.TRY_AGAIN_LATER, "no addresses yet for " + name, true);
        }
        int n = next.getAndIncrement();
        int nodeIndex = node.charAt(node.length() - 1) - '0';
        CniAddress v4 = CniAddress.parse("v4", "10.2." + nodeIndex + "." + n + "/24");
        CniAddress v6 = new CniAddress(new IPAddressString("2001:fb8:42:" + nodeIndex + "::" + Integer.toHexString(n)).getAddress(), 64);
        return v6First ? List.of(v6, v4) : List.of(v4, v6);
    }

    @Override
    public void del(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
        calls.add(new Call("DEL", node, namespace, name, uid, containerId, ifName, netns));
    }

    List<Call> calls(String command) {
        return calls.stream().filter(c -> c.command().equals(command)).toList();
    }
}
