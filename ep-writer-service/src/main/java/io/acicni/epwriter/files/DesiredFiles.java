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
        Map<String, List<String>> serviceIps = ServiceSelection.serviceIpsByPod(inputs.services());

        for (PodAddressing pod : inputs.pods()) {
            String subject = "pod/" + pod.namespace() + "/" + pod.name();
            List<Sandbox> sandboxes = inputs.sandboxes().getOrDefault(pod.uid(), List.of());
            if (sandboxes.isEmpty() && inputs.synthesizeSandboxes()) {
                try {
                    sandboxes = List.of(Sandbox.synthesizedFor(pod.uid()));
                } catch (UnsafeNameException e) {
                    refusals.add(new Refusal(subject, e.field(), e.value(), e.getMessage()));
                    continue;
                }
            }
            for (Sandbox sandbox : sandboxes) {
                ObjectNode doc = EndpointFile.document(pod, sandbox, serviceIps.getOrDefault(pod.uid(), List.of()), settings, problems);
                endpoints.put(sandbox.fileName(), bytes(doc));
            }
        }

        NodeServiceEndpoint serviceEndpoint = inputs.nodeAddressing() == null ? null : inputs.nodeAddressing().serviceEndpoint();
        for (ServiceAddressing service : inputs.services()) {
            try {
                ServiceFiles.documents(service, inputs.node(), serviceEndpoint, settings)
                        .forEach((name, doc) -> services.put(name, bytes(doc)));
            } catch (UnsafeNameException e) {
                refusals.add(new Refusal("service/" + service.namespace() + "/" + service.name(), e.field(), e.value(), e.getMessage()));
            }
        }
        return new DesiredFiles(Collections.unmodifiableMap(endpoints), Collections.unmodifiableMap(services), List.copyOf(refusals));
    }

    static byte[] bytes(ObjectNode doc) {
        return GoJson.marshalIndent(doc).getBytes(StandardCharsets.UTF_8);
    }
}
