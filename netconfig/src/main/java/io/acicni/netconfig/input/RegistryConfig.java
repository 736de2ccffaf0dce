package io.acicni.netconfig.input;

/**
 * {@code registry}: where images come from.
 *
 * @param imagePrefix     {@code image_prefix}, e.g. {@code quay.io/acicni}
 * @param imagePullSecret {@code image_pull_secret}, null when absent
 * @param imageTag        {@code image_tag} (an aci-dualstack addition), null for the default tag
 */
public record RegistryConfig(String imagePrefix, String imagePullSecret, String imageTag) {
    public static final String DEFAULT_IMAGE_PREFIX = "noiro";
    public static final RegistryConfig DEFAULT = new RegistryConfig(DEFAULT_IMAGE_PREFIX, null, null);
}
