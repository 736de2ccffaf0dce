package io.acicni.netconfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A route of a {@code cni-netconfig} entry: {@code {"dst": "0.0.0.0/0", "gw": "10.2.0.1"}}. */
@JsonPropertyOrder({"dst", "gw"})
public record CniRoute(@JsonProperty("dst") String dst, @JsonProperty("gw") String gw) {
}
