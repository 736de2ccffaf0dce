package io.acicni.epwriter.config;

import io.acicni.epwriter.files.OpflexGroup;

import java.util.List;

/**
 * The keys of Cisco's {@code host-agent-config} this service uses (reference §3.1); null = absent.
 * Belongs in the {@code netconfig} module once its host-agent model exists.
 */
public record HostAgentConfig(String nodeName,
                              String opflexEndpointDir,
                              String opflexServiceDir,
                              String aciVrf,
                              String aciVrfTenant,
                              String uplinkIface,
                              Integer serviceVlan,
                              OpflexGroup defaultEndpointGroup,
                              List<OpflexGroup> defaultSecurityGroup) {
    public static final HostAgentConfig EMPTY = new HostAgentConfig(null, null, null, null, null, null, null, null, null);
}
