package io.acicni.epwriter.rest;

import io.acicni.epwriter.EpWriterRuntime;
import io.acicni.epwriter.nodecheck.NodeCheckReport;
import jakarta.inject.Inject;
import io.acicni.epwriter.sync.NodeDirs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /diagnostics}: node checks, counts, lag behind the topics and the last sync pass of each
 * node. {@code GET /diagnostics/{node}/files?prefix=<uid>}: the node's {@code .ep}/{@code .service}
 * files whose names start with the prefix, with their content (read-only, for
 * {@code aci-dualstack diagnose}).
 */
@Path("/diagnostics")
public class DiagnosticsResource {

    @Inject
    EpWriterRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> diagnostics() {
        NodeCheckReport report = runtime.nodeChecks();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", report.ok());
        out.put("writing", runtime.writing());
        out.put("checks", report.checks());
        out.put("problems", report.problems());
        out.put("counts", report.counts());
        out.put("lag", runtime.lag());
        out.put("lastSync", runtime.lastSyncs());
        return out;
    }

    @GET
    @Path("/{node}/files")
    @Produces(MediaType.APPLICATION_JSON)
    public Response files(@PathParam("node") String node, @QueryParam("prefix") String prefix) {
        NodeDirs dirs = runtime.settings().nodes().stream().filter(n -> n.node().equals(node)).findFirst().orElse(null);
        if (dirs == null) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "node " + node + " is not served here")).build();
        }
        try {
            return Response.ok(NodeFileListing.list(dirs, prefix)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
