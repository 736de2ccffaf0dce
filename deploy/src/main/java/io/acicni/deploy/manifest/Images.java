package io.acicni.deploy.manifest;

import io.acicni.netconfig.input.RegistryConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Image names of the suite: {@code <registry.image_prefix>/<service>:<tag>}. */
public final class Images {
    public static final String IPAM = "ipam-service";
    public static final String APIC_SYNC = "apic-sync-service";
    public static final String EP_WRITER = "ep-writer-service";

    private final String prefix;
    private final String tag;

    public Images(RegistryConfig registry) {
        this.prefix = registry.imagePrefix();
        this.tag = registry.imageTag() != null ? registry.imageTag() : projectVersion();
    }

    public String image(String service) {
        return prefix + "/" + service + ":" + tag;
    }

    /** The version this build carries ({@code project.version}). */
    public static String projectVersion() {
        Properties properties = new Properties();
        try (InputStream in = Images.class.getResourceAsStream("/aci-dualstack-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version");
        return version == null || version.startsWith("${") ? "dev" : version;
    }
}
