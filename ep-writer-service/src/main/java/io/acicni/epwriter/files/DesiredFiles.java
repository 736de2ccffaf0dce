package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The complete desired content of one node's endpoint and service directories (file name → bytes),
 * computed from {@link NodeInputs}. Entries whose names would be unsafe are left out and reported as
 * {@link Refusal}s; everything else is still produced.
 */
public record DesiredFiles(Map<String, byte[]> endpoints, Map<String, byte[]> services, List<Refusal> refusals) {

    public static DesiredFiles compute(NodeInputs inputs, FileSettings settings, Consumer<String> problems) {
        Map<String, byte[]> endpoints = new TreeMap<>();
        Map<String, byte[]> services = new TreeMap<>();
        List<Refusal> refusals = new ArrayList<>();
        for (PodAddressing pod : inputs.pods()) {
            endpoints.putAll(endpointFiles(inputs, pod, settings, problems, refusals::add));
        }
        for (ServiceAddressing service : inputs.services()) {
            services.putAll(serviceFiles(inputs, service, settings, refusals::add));
        }
        return new DesiredFiles(Collections.unmodifiableMap(endpoints), Collections.unmodifiableMap(services), List.copyOf(refusals));
    }

    /** The {@code .ep} files of one pod of the inputs: one per sandbox (file name → bytes). */
    public static Map<String, byte[]> endpointFiles(NodeInputs inputs, PodAddressing pod, FileSettings settings,
                                                    Consumer<String> problems, Consumer<Refusal> refusals) {
        Map<String, byte[]> files = new TreeMap<>();
        String subject = "pod/" + pod.namespace() + "/" + pod.name();
        List<Sandbox> sandboxes = inputs.sandboxes().getOrDefault(pod.uid(), List.of());
        if (sandboxes.isEmpty() && inputs.synthesizeSandboxes()) {
            try {
                sandboxes = List.of(Sandbox.synthesizedFor(pod.uid()));
            } catch (UnsafeNameException e) {
                refusals.accept(new Refusal(subject, e.field(), e.value(), e.getMessage()));
                return files;
            }
        }
        List<String> serviceIps = inputs.serviceIps().getOrDefault(pod.uid(), List.of());
        for (Sandbox sandbox : sandboxes) {
            ObjectNode doc = EndpointFile.document(pod, sandbox, serviceIps, settings, problems);
            files.put(sandbox.fileName(), bytes(doc));
        }
        return files;
    }

    /** The {@code .service} files of one service as seen from the inputs' node (file name → bytes). */
    public static Map<String, byte[]> serviceFiles(NodeInputs inputs, ServiceAddressing service, FileSettings settings,
                                                   Consumer<Refusal> refusals) {
        Map<String, byte[]> files = new TreeMap<>();
        NodeServiceEndpoint serviceEndpoint = inputs.nodeAddressing() == null ? null : inputs.nodeAddressing().serviceEndpoint();
        try {
            ServiceFiles.documents(service, inputs.node(), serviceEndpoint, settings).forEach((name, doc) -> files.put(name, bytes(doc)));
        } catch (UnsafeNameException e) {
            refusals.accept(new Refusal("service/" + service.namespace() + "/" + service.name(), e.field(), e.value(), e.getMessage()));
        }
        return files;
    }

    /** The names a service's files would have ({@code <uid>.service}, {@code <uid>-external.service}); none for an unsafe uid. */
    public static List<String> serviceFileNames(String serviceUid) {
        try {
            String uid = FileNames.serviceUid(serviceUid);
            return List.of(uid + ".service", uid + "-external.service");
        } catch (UnsafeNameException e) {
            return List.of();
        }
    }

    static byte[] bytes(ObjectNode doc) {
        return GoJson.marshalIndent(doc).getBytes(StandardCharsets.UTF_8);
    }
}
