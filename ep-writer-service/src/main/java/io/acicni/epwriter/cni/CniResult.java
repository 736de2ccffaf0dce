package io.acicni.epwriter.cni;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.acicni.epwriter.files.EndpointFile;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The CNI 1.0 result of an ADD as JSON bytes: one interface, one IP per family with prefix and gateway,
 * a default route per family. Written with Jackson's streaming generator straight to bytes (no tree, and
 * the REST layer sends the bytes as they are); the same bytes Jackson writes for the equivalent tree.
 */
final class CniResult {
    private static final JsonFactory JSON = new JsonFactory();

    private CniResult() {
    }

    static byte[] json(PodAddressing pod, Sandbox sandbox, String netns) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(384);
             JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("cniVersion", CniService.CNI_VERSION);
            g.writeArrayFieldStart("interfaces");
            g.writeStartObject();
            g.writeStringField("name", sandbox.ifName());
            g.writeStringField("mac", EndpointFile.mac(pod));
            if (netns != null) {
                g.writeStringField("sandbox", netns);
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("ips");
            for (PodAddress address : pod.addresses()) {
                g.writeStartObject();
                g.writeStringField("address", Addresses.format(address.address()) + "/" + address.prefixLength());
                g.writeStringField("gateway", Addresses.format(address.gateway()));
                g.writeNumberField("interface", 0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("routes");
            for (PodAddress address : pod.addresses()) {
                g.writeStartObject();
                g.writeStringField("dst", address.family() == IpFamily.IPv4 ? "0.0.0.0/0" : "::/0");
                g.writeStringField("gw", Addresses.format(address.gateway()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("dns");
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a CNI result to memory", e);
        }
    }
}
