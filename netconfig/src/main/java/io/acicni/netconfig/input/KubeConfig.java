package io.acicni.netconfig.input;

/**
 * {@code kube_config}, as far as the suite needs it.
 *
 * @param allowPodsExternalAccess {@code allow_pods_external_access}: pod subnets get
 *                                {@code scope: public} and the pod BD an L3Out relation
 */
public record KubeConfig(boolean allowPodsExternalAccess) {
    public static final KubeConfig DEFAULT = new KubeConfig(false);
}
