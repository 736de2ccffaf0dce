package io.acicni.netconfig.fabric;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of the APIC configuration: a REST path and the body to POST there, or no body for
 * an object listed only so that unprovisioning deletes it.
 */
public record ApicRequest(String path, ObjectNode body) {
    public static ApicRequest post(String path, ApicObject object) {
        return new ApicRequest(path, object.toJson());
    }

    public static ApicRequest deleteOnly(String path) {
        return new ApicRequest(path, null);
    }

    public boolean hasBody() {
        return body != null;
    }
}
