package io.acicni.deploy.provision;

import io.acicni.deploy.cli.Console;
import io.acicni.deploy.manifest.ApicCredentials;
import io.acicni.netconfig.input.AciConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Collects the APIC credentials for the Secret: {@code apic_login} user and password, and the
 * {@code sync_login} certificate and key when both files exist (looked up as given, then beside
 * the input file). Nothing read here is ever printed.
 */
final class CredentialsReader {
    private CredentialsReader() {
    }

    static ApicCredentials read(AciConfig aci, Path inputDir, Console console) throws ProvisionException {
        String cert = null;
        String key = null;
        String certfile = aci.syncLogin().certfile();
        String keyfile = aci.syncLogin().keyfile();
        if (certfile != null && keyfile != null) {
            Optional<Path> certPath = locate(certfile, inputDir);
            Optional<Path> keyPath = locate(keyfile, inputDir);
            if (certPath.isPresent() && keyPath.isPresent()) {
                cert = readText(certPath.get());
                key = readText(keyPath.get());
                console.info("Using sync_login certificate \"" + certPath.get() + "\" and its key");
            } else {
                console.info("sync_login certificate files not found (" + certfile + ", " + keyfile
                        + "); the credentials Secret holds the apic_login user and password only");
            }
        }
        return new ApicCredentials(aci.apicLogin().username(), aci.apicLogin().password(), cert, key);
    }

    private static Optional<Path> locate(String name, Path inputDir) {
        Path given = Path.of(name);
        if (Files.isRegularFile(given)) {
            return Optional.of(given);
        }
        if (inputDir != null && !given.isAbsolute() && Files.isRegularFile(inputDir.resolve(name))) {
            return Optional.of(inputDir.resolve(name));
        }
        return Optional.empty();
    }

    private static String readText(Path file) throws ProvisionException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ProvisionException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
