package io.acicni.netconfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An ACI endpoint group reference: {@code {"policy-space": "kube", "name": "kubernetes|kube-default"}}.
 *
 * @param policySpace the tenant
 * @param name        {@code <application profile>|<EPG>}
 */
@JsonPropertyOrder({"policy-space", "name"})
public record EndpointGroup(@JsonProperty("policy-space") String policySpace, @JsonProperty("name") String name) {
}
