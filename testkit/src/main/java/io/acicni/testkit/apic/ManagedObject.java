package io.acicni.testkit.apic;

import java.util.LinkedHashMap;
import java.util.Map;

/** One stored object of the emulator's management information tree. */
final class ManagedObject {

    final String dn;
    final String className;
    final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();

    ManagedObject(String dn, String className, Map<String, String> attributes) {
        this.dn = dn;
        this.className = className;
        this.attributes.putAll(attributes);
    }
}
