package io.acicni.epwriter.rest;

import io.acicni.epwriter.EpWriterRuntime;
import io.acicni.epwriter.nodecheck.NodeCheckReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /diagnostics}: node checks, counts, lag behind the topics and the last sync pass of each node. */
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
}
