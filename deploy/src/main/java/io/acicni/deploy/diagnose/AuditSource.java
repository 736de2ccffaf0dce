package io.acicni.deploy.diagnose;

import io.acicni.deploy.audit.AuditFilter;
import io.acicni.deploy.audit.AuditReader;
import io.acicni.deploy.audit.AuditRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The audit history for a diagnosis: reads {@code acicni.audit}, or says why it cannot. */
public interface AuditSource {

    /** Matching events in time order. */
    List<AuditRecord> read(AuditFilter filter);

    /** Why the audit topic cannot be read, empty when it can. */
    Optional<String> unavailable();

    static AuditSource kafka(Properties kafka) {
        return new AuditSource() {
            @Override
            public List<AuditRecord> read(AuditFilter filter) {
                try (AuditReader reader = new AuditReader(kafka, Duration.ofSeconds(30))) {
                    return reader.readToEnd(filter);
                }
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.empty();
            }
        };
    }

    static AuditSource none(String why) {
        return new AuditSource() {
            @Override
            public List<AuditRecord> read(AuditFilter filter) {
                return List.of();
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.of(why);
            }
        };
    }
}
