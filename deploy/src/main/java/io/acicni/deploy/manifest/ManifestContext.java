package io.acicni.deploy.manifest;

import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.validate.ValidatedInput;

/**
 * What the manifests are built from.
 *
 * @param input             the validated acc-provision input
 * @param config            ConfigMap aci-containers-config
 * @param namespace         namespace of the suite
 * @param kafka             where the Kafka cluster is
 * @param credentials       what goes into the APIC credentials Secret
 * @param withSecretData    false when the manifests go to stdout: the Secret is written without data
 */
public record ManifestContext(
        ValidatedInput input,
        AciContainersConfig config,
        String namespace,
        KafkaSettings kafka,
        ApicCredentials credentials,
        boolean withSecretData) {

    public Images images() {
        return new Images(input.input().registry());
    }
}
