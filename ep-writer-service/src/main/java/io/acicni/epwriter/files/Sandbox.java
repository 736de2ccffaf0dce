package io.acicni.epwriter.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A pod sandbox as the CNI plugin reported it: which container, which host-side veth, which interface
 * inside the pod. Every part that goes into the {@code .ep} file name is validated on construction.
 *
 * @param podUid      the pod's UID
 * @param containerId the sandbox (pause) container id
 * @param veth        the host-side veth name (the {@code access-interface})
 * @param ifName      the interface name inside the pod, e.g. {@code eth0}
 * @param netns       the network namespace path, may be null for a synthesised sandbox
 */
public record Sandbox(String podUid, String containerId, String veth, String ifName, String netns) {

    public Sandbox {
        FileNames.podUid(podUid);
        FileNames.containerId(containerId);
        FileNames.interfaceName("veth", veth);
        FileNames.interfaceName("ifName", ifName == null ? "eth0" : ifName);
        ifName = ifName == null ? "eth0" : ifName;
    }

    /** {@code <pod-uid>_<container-id>_<veth>}: the file name without {@code .ep} and the JSON {@code uuid}. */
    public String uuid() {
        return podUid + "_" + containerId + "_" + veth;
    }

    public String fileName() {
        return uuid() + ".ep";
    }

    /**
     * The host veth name for a container when the CNI plugin did not name one: {@code veth} followed by
     * the first 8 hex digits of SHA-256 of the container id (12 characters, like Cisco's names).
     */
    public static String vethFor(String containerId) {
        return "veth" + sha256(containerId).substring(0, 8);
    }

    /**
     * A stand-in sandbox for a pod whose CNI ADD never reaches this process (simulated nodes, the
     * local run): container id = first 20 hex digits of SHA-256 of the pod uid, veth derived from it.
     */
    public static Sandbox synthesizedFor(String podUid) {
        FileNames.podUid(podUid);
        String containerId = sha256("sandbox:" + podUid).substring(0, 20);
        return new Sandbox(podUid, containerId, vethFor(containerId), "eth0", null);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
