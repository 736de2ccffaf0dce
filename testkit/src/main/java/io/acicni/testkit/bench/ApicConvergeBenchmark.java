package io.acicni.testkit.bench;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.diff.ApicDiff;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;
import io.acicni.testkit.apic.ApicEmulator;

import java.util.List;

/**
 * The APIC converge benchmark: 1,000 changed subnets under one bridge domain against the emulator,
 * the way apic-sync reconciles (read owned subtree, diff, apply). Prints requests and time per
 * pass. {@code java -cp … io.acicni.testkit.bench.ApicConvergeBenchmark [SUBNETS]}.
 */
public final class ApicConvergeBenchmark {
    private ApicConvergeBenchmark() {
    }

    public static void main(String[] args) {
        int subnets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        ApicEmulator apic = ApicEmulator.builder().user("admin", "bench-password").build().start();
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-kube").attr("name", "kube"));
        Ownership ownership = new Ownership("kube", Ownership.Mode.TAG);
        ApicDiff diff = new ApicDiff(ownership);
        try (ApicClient client = new ApicClient(ApicClientConfig.builder().host(apic.url())
                .tls(TlsSettings.caBundlePem(apic.certificatePem()))
                .credentials(new PasswordCredentials("admin", "bench-password".toCharArray())).rateLimit(10_000, 10_000).build())) {
            client.firmwareVersion();
            System.out.printf("%-40s %8s %6s %6s %10s%n", "pass", "writes", "POST", "DELETE", "ms");
            pass("create " + subnets + " subnets (from empty)", client, apic, diff, bd(ownership, subnets, 0));
            pass("unchanged (in sync)", client, apic, diff, bd(ownership, subnets, 0));
            pass("replace half of them", client, apic, diff, bd(ownership, subnets, subnets / 2));
            pass("unchanged (in sync)", client, apic, diff, bd(ownership, subnets, subnets / 2));
        } finally {
            apic.stop();
        }
    }

    private static void pass(String name, ApicClient client, ApicEmulator apic, ApicDiff diff, ApicObject desired) {
        apic.resetCounters();
        long start = System.nanoTime();
        List<ApicObject> existing = client.readSubtrees(List.of("uni/tn-kube/BD-bench"), List.of("fvSubnet"));
        ChangeSet changes = diff.diff(List.of(desired), existing);
        client.apply(changes);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%-40s %8d %6d %6d %10d%n", name, changes.writeCount(), apic.requestCount("POST"),
                apic.requestCount("DELETE"), ms);
    }

    /** A bridge domain with {@code count} subnets, half IPv4 and half IPv6, shifted by {@code offset}. */
    private static ApicObject bd(Ownership ownership, int count, int offset) {
        ApicObject bd = ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-bench").attr("name", "bench");
        for (int n = offset; n < count + offset; n++) {
            ApicObject subnet = ApicObject.of("fvSubnet").attr("ip", n % 2 == 0
                    ? "10." + (n / 250 % 250) + "." + (n % 250) + ".1/24"
                    : "fd00:" + Integer.toHexString(n) + "::1/64");
            bd.child(ownership.mark(subnet, "bench"));
        }
        return bd;
    }
}
