package io.acicni.epwriter.cni;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The node-local secret the CNI plugin presents as {@code Authorization: Bearer <token>}: 32 random
 * bytes in hex, kept in {@code <metadata-dir>/cni-token} (mode 0600, readable by root on the node only)
 * and reused across restarts.
 */
public final class CniTokens {
    public static final String FILE = "cni-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CniTokens() {
    }

    public static String loadOrCreate(Path metadataDir) {
        Path file = metadataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.matches("[0-9a-f]{64}")) {
                    return token;
                }
            }
            Files.createDirectories(metadataDir);
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Path temp = Files.createTempFile(metadataDir, ".acicni-", ".tmp");
            Files.writeString(temp, token, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file system: keep the default
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the CNI token in " + metadataDir + ": " + e.getMessage(), e);
        }
    }

    /** Constant-time check of an {@code Authorization} header value. */
    public static boolean matches(String expected, String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given);
    }
}
