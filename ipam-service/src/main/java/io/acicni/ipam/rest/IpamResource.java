package io.acicni.ipam.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.events.serde.EventSerde;
import io.acicni.ipam.IpamRuntime;
import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.PoolCounters;
import io.acicni.ipam.engine.AllocationLoop;
import io.acicni.ipam.engine.IpamEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Inspection API of the allocator. Answers come from the allocation thread (queries are queued to
 * it), so they are consistent with what has been allocated; 503 while not the leader or restoring.
 */
@Path("/ipam")
@Produces(MediaType.APPLICATION_JSON)
public class IpamResource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    IpamRuntime runtime;

    /** Every pool per family: size, used, free, quarantined. */
    @GET
    @Path("/pools")
    public Response pools() {
        return ask(engine -> {
            ArrayNode pools = JSON.arrayNode();
            for (PoolCounters c : engine.pools()) {
                ObjectNode p = pools.addObject();
                p.put("pool", c.pool().name().toLowerCase().replace('_', '-'));
                p.put("family", c.family() == IpFamily.V4 ? "IPv4" : "IPv6");
                p.put("size", c.size());
                p.put("used", c.used());
                p.put("free", c.free());
                p.put("quarantined", c.quarantined());
            }
            return Optional.of(pools);
        });
    }

    /** A node's pod ranges per family, service endpoint and pod count. */
    @GET
    @Path("/nodes/{name}")
    public Response node(@PathParam("name") String name) {
        return ask(engine -> engine.nodeAddressing(name).map(n -> {
            ObjectNode out = (ObjectNode) tree(n);
            out.remove("schemaVersion");
            out.put("pods", engine.podCount(name));
            return out;
        }));
    }

    /** A pod's addresses, primary family first. */
    @GET
    @Path("/pods/{namespace}/{name}")
    public Response pod(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return ask(engine -> engine.pod(namespace, name).map(IpamEngine.TrackedPod::published).map(p -> {
            ObjectNode out = (ObjectNode) tree(p);
            out.remove("schemaVersion");
            return out;
        }));
    }

    /** A service's cluster and LoadBalancer addresses and its LbIpamAllocation condition. */
    @GET
    @Path("/services/{namespace}/{name}")
    public Response service(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        String key = namespace + "/" + name;
        return ask(engine -> engine.serviceAddressing(key).map(s -> {
            ObjectNode out = (ObjectNode) tree(s);
            out.remove("schemaVersion");
            engine.lbCondition(key).ifPresent(c -> out.set("condition", tree(c)));
            return out;
        }));
    }

    private Response ask(Function<IpamEngine, Optional<? extends JsonNode>> query) {
        try {
            Optional<? extends JsonNode> answer = runtime.loop().query(query).get(10, TimeUnit.SECONDS);
            return answer.<Response>map(a -> Response.ok(a).build())
                    .orElseGet(() -> error(Response.Status.NOT_FOUND, "not known to ipam"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AllocationLoop.NotReadyException notReady) {
                String leader = runtime.leader();
                return error(Response.Status.SERVICE_UNAVAILABLE, "not ready: " + notReady.getMessage()
                        + (leader == null ? "" : "; leader is " + leader));
            }
            return error(Response.Status.INTERNAL_SERVER_ERROR, String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "the allocation loop did not answer within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(Response.Status.SERVICE_UNAVAILABLE, "interrupted");
        }
    }

    private static JsonNode tree(Object value) {
        return EventSerde.get().mapper().valueToTree(value);
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(JSON.objectNode().put("error", message)).build();
    }
}
