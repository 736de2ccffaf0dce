package io.acicni.testkit.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;

import java.net.HttpURLConnection;

/**
 * A patch that names {@code metadata.uid} applies only to the object with that uid: a client that
 * patches by name can so make sure the object was not deleted and re-created under the same name
 * meanwhile. fabric8's mock server ignores the uid of a patch (it keeps the stored one); the API
 * double refuses it with 409 ("Precondition failed: UID in precondition", what an update with a uid
 * precondition gets). A Kubernetes API server refuses such a PATCH too, as far as we know with 422
 * ({@code metadata.uid}: field is immutable); clients here must take either as "replaced" (ipam's
 * {@code KubernetesWriter} checks its informer before it concludes so).
 */
final class UidPrecondition {
    private UidPrecondition() {
    }

    /**
     * Throws 409 when {@code patched} (the stored object with the patch applied) carries a uid that
     * is not {@code current}'s. A patch without a uid leaves the stored one, so it always passes.
     */
    static void check(JsonNode current, JsonNode patched) throws KubernetesCrudDispatcherException {
        JsonNode stored = current.path("metadata").path("uid");
        JsonNode wanted = patched.path("metadata").path("uid");
        if (!wanted.isTextual() || wanted.equals(stored)) {
            return;
        }
        String kind = current.path("kind").asText(null);
        throw new KubernetesCrudDispatcherException("Operation cannot be fulfilled on " + kind + " \""
                + current.path("metadata").path("name").asText() + "\": Precondition failed: UID in precondition: "
                + wanted.asText() + ", UID in object meta: " + stored.asText(), HttpURLConnection.HTTP_CONFLICT, kind);
    }
}
