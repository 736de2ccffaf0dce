package io.acicni.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A kubeconfig with one cluster, user and context for the API double (token auth, TLS checks off). */
public final class KubeconfigFile {
    public static final String NAME = "aci-dualstack-double";

    private KubeconfigFile() {
    }

    public static String render(String serverUrl, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    insecure-skip-tls-verify: true
                users:
                - name: %1$s
                  user:
                    token: %1$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %3$s
                current-context: %1$s
                """.formatted(NAME, serverUrl, namespace);
    }

    /** Writes the file atomically (temp file in the same directory, then rename). */
    public static Path write(Path file, String serverUrl) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".kubeconfig-", ".tmp");
            Files.writeString(temp, render(serverUrl, "default"), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }
}
