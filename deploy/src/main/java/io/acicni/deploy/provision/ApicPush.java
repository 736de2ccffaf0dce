package io.acicni.deploy.provision;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.ApicCredentials;
import io.acicni.apic.client.ApicException;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Dn;
import io.acicni.deploy.cli.Console;
import io.acicni.netconfig.fabric.ApicRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code provision -a} / {@code -d}: pushes the static fabric objects to the APIC, or removes them,
 * through the same client apic-sync-service uses (failover, retries, secrets never printed).
 *
 * <p>Removal deletes each object provision created. A request whose root is an existing tenant
 * (written without our annotation, e.g. {@code common}) is never deleted whole: only the children
 * provision put into it are.
 */
public final class ApicPush {
    private final Console console;

    public ApicPush(Console console) {
        this.console = console;
    }

    public void provision(List<String> hosts, ApicCredentials credentials, TlsSettings tls, List<ApicRequest> requests)
            throws ProvisionException {
        try (ApicClient client = client(hosts, credentials, tls)) {
            for (ApicRequest request : requests) {
                String dn = dnOf(request.path());
                if (request.hasBody()) {
                    console.info("Provisioning " + dn);
                    client.post(dn, ApicJson.readObject(request.body()));
                } else {
                    client.delete(dn);
                }
            }
        } catch (ApicException e) {
            throw new ProvisionException("APIC provisioning failed: " + e.getMessage());
        }
    }

    public void unprovision(List<String> hosts, ApicCredentials credentials, TlsSettings tls, List<ApicRequest> requests)
            throws ProvisionException {
        List<String> dns = deletions(requests);
        try (ApicClient client = client(hosts, credentials, tls)) {
            for (String dn : dns) {
                console.info("Unprovisioning " + dn);
                client.delete(dn);
            }
        } catch (ApicException e) {
            throw new ProvisionException("APIC unprovisioning failed: " + e.getMessage());
        }
    }

    /** The DNs to delete, deepest first: roots provision owns, or the children it added to roots it does not. */
    static List<String> deletions(List<ApicRequest> requests) {
        List<String> dns = new ArrayList<>();
        for (ApicRequest request : requests) {
            if (!request.hasBody()) {
                continue;
            }
            ApicObject root = ApicJson.readObject(request.body());
            String dn = root.resolveDn(dnOf(request.path())); // the body may be a child of the path's object
            if (root.attribute("annotation") != null) {
                dns.add(dn);
            } else {
                for (ApicObject child : root.children()) {
                    dns.add(Dn.child(dn, child.rn()));
                }
            }
        }
        Collections.reverse(dns);
        return dns;
    }

    static String dnOf(String path) {
        String p = path.startsWith("/api/mo/") ? path.substring("/api/mo/".length()) : path;
        return p.endsWith(".json") ? p.substring(0, p.length() - ".json".length()) : p;
    }

    private static ApicClient client(List<String> hosts, ApicCredentials credentials, TlsSettings tls) throws ProvisionException {
        if (hosts.isEmpty()) {
            throw new ProvisionException("aci_config.apic_hosts is empty: no APIC to provision");
        }
        List<String> urls = hosts.stream().map(h -> h.contains("://") ? h : "https://" + h).toList();
        return new ApicClient(ApicClientConfig.builder().hosts(urls).credentials(credentials).tls(tls).build());
    }
}
