package io.acicni.deploy.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.acicni.netconfig.config.AciContainersConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** The namespace, ConfigMap {@code aci-containers-config} and the APIC credentials Secret. */
public final class ConfigManifests {
    public static final String CREDENTIALS_SECRET = "aci-dualstack-apic-credentials";
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    public static final String CERT_KEY = "user.crt";
    public static final String KEY_KEY = "user.key";

    private ConfigManifests() {
    }

    static Namespace namespace(ManifestContext ctx) {
        return new NamespaceBuilder()
                .withNewMetadata().withName(ctx.namespace()).withLabels(Labels.common()).endMetadata()
                .build();
    }

    static ConfigMap configMap(ManifestContext ctx) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(AciContainersConfig.CONFIGMAP_NAME)
                    .withNamespace(ctx.namespace())
                    .withLabels(Labels.common())
                .endMetadata()
                .withData(ctx.config().toConfigMapData())
                .build();
    }

    /** With {@code withSecretData == false} the Secret carries no data: the credentials never reach stdout. */
    static Secret credentials(ManifestContext ctx) {
        Map<String, String> data = new LinkedHashMap<>();
        ApicCredentials credentials = ctx.credentials();
        if (ctx.withSecretData()) {
            putIfPresent(data, USERNAME_KEY, credentials.username());
            putIfPresent(data, PASSWORD_KEY, credentials.password());
            if (credentials.hasCertificate()) {
                data.put(CERT_KEY, credentials.certificatePem());
                data.put(KEY_KEY, credentials.privateKeyPem());
            }
        }
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(CREDENTIALS_SECRET)
                    .withNamespace(ctx.namespace())
                    .withLabels(Labels.common())
                .endMetadata()
                .withType("Opaque")
                .withStringData(data.isEmpty() ? null : data)
                .build();
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(key, value);
        }
    }
}
