package io.acicni.testkit.apic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Runs the APIC emulator as a process for the local run:
 * {@code java io.acicni.testkit.apic.ApicEmulatorMain [--bind 127.0.0.1] [--port 0] [--user admin]
 * [--password <pw>] [--ca-out apic-ca.pem] [--cert-user kube --cert-pem kube.crt]}. The first line on
 * standard output is {@code APIC_URL=<url>} (machine-readable contract for the caller); it then
 * serves until the process is stopped.
 */
public final class ApicEmulatorMain {

    private static final Logger LOG = Logger.getLogger(ApicEmulatorMain.class.getName());

    private ApicEmulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ApicEmulator.Builder b = ApicEmulator.builder();
        String user = "admin";
        String password = System.getenv().getOrDefault("APIC_EMULATOR_PASSWORD", "noir0123");
        Path caOut = null;
        String certUser = null;
        Path certPem = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--bind" -> b.bindAddress(need(v, args[i++]));
                case "--port" -> b.port(Integer.parseInt(need(v, args[i++])));
                case "--user" -> user = need(v, args[i++]);
                case "--password" -> password = need(v, args[i++]);
                case "--ca-out" -> caOut = Path.of(need(v, args[i++]));
                case "--cert-user" -> certUser = need(v, args[i++]);
                case "--cert-pem" -> certPem = Path.of(need(v, args[i++]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.user(user, password);
        ApicEmulator apic = b.build();
        if (certUser != null && certPem != null) {
            apic.addCertificateUser(certUser, certUser + ".crt", Files.readString(certPem, StandardCharsets.US_ASCII));
        }
        apic.start();
        if (caOut != null) {
            Files.writeString(caOut, apic.certificatePem(), StandardCharsets.US_ASCII);
            LOG.info("emulator certificate written to " + caOut);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(apic::stop, "apic-emulator-shutdown"));
        System.out.println("APIC_URL=" + apic.url());
        System.out.flush();
        LOG.info("APIC emulator ready at " + apic.url() + " for user " + user);
        new CountDownLatch(1).await();
    }

    private static String need(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
