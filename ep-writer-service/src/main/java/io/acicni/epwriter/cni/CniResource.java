package io.acicni.epwriter.cni;

import io.acicni.epwriter.EpWriterRuntime;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code POST /cni/{node}}: the CNI plugin's way in. Local only: the caller must connect from a
 * loopback address and present the node's token ({@code Authorization: Bearer <token>} from
 * {@code <metadata-dir>/cni-token}). Answers the CNI 1.0 result (ADD), an empty 200 (DEL, CHECK) or a
 * CNI error object with a matching HTTP status.
 */
@Path("/cni/{node}")
public class CniResource {

    @Inject
    EpWriterRuntime runtime;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response command(@PathParam("node") String node, @HeaderParam("Authorization") String authorization,
                            @Context HttpServerRequest http, CniRequest request) {
        try {
            if (!fromLoopback(http)) {
                throw new CniException(CniException.INVALID_CONFIG, 403, "the CNI endpoint answers local callers only", null);
            }
            String token = runtime.cniToken(node);
            if (token == null) {
                throw new CniException(CniException.INVALID_CONFIG, 404, "node '" + node + "' is not served here", null);
            }
            if (!CniTokens.matches(token, authorization)) {
                throw new CniException(CniException.INVALID_CONFIG, 401, "missing or wrong node token", "Authorization: Bearer <" + CniTokens.FILE + ">");
            }
            byte[] result = runtime.cni().handle(node, request);
            return result == null ? Response.ok().build() : Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (CniException e) {
            return Response.status(e.httpStatus()).entity(CniService.error(e)).type(MediaType.APPLICATION_JSON).build();
        }
    }

    static boolean fromLoopback(HttpServerRequest http) {
        if (http == null || http.remoteAddress() == null) {
            return false;
        }
        String host = http.remoteAddress().hostAddress();
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
