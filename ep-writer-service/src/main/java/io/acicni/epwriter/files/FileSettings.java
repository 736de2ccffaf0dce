package io.acicni.epwriter.files;

import java.util.List;

/**
 * The part of the host-agent configuration that shapes file contents.
 *
 * @param defaultEndpointGroup  {@code default-endpoint-group}: EPG of pods without an endpoint-group annotation
 * @param defaultSecurityGroups {@code default-security-group}: security groups of pods without an annotation
 * @param aciVrf                {@code aci-vrf}: {@code domain-name} of service files
 * @param aciVrfTenant          {@code aci-vrf-tenant}: {@code domain-policy-space} of service files
 * @param uplinkIface           {@code uplink-iface}: {@code interface-name} of external service files
 * @param uplinkMac             MAC of the uplink interface: {@code service-mac} of external service files, null if unknown
 * @param serviceVlan           {@code service-vlan}: {@code interface-vlan} of external service files
 */
public record FileSettings(OpflexGroup defaultEndpointGroup,
                           List<OpflexGroup> defaultSecurityGroups,
                           String aciVrf,
                           String aciVrfTenant,
                           String uplinkIface,
                           String uplinkMac,
                           int serviceVlan) {
    public static final int DEFAULT_SERVICE_VLAN = 4003;
    public static final String DEFAULT_UPLINK_IFACE = "eth1";

    public FileSettings {
        defaultEndpointGroup = defaultEndpointGroup == null ? OpflexGroup.NONE : defaultEndpointGroup;
        defaultSecurityGroups = defaultSecurityGroups == null ? List.of() : List.copyOf(defaultSecurityGroups);
        if (serviceVlan < 0 || serviceVlan > 4095) {
            throw new IllegalArgumentException("field 'service-vlan' must be 0..4095, got " + serviceVlan);
        }
    }
}
