package io.acicni.deploy.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@code diagnose}: sections of findings in pipeline order (Kubernetes, ipam, files,
 * node, history), so the first problem is the one furthest upstream; then the verdict and what to
 * check next.
 */
public final class Diagnosis {
    private final String subject;
    private final boolean found;
    private final List<Section> sections = new ArrayList<>();
    private String okNext = "nothing on the addressing side; if traffic still fails, check the EPG and contracts in the APIC";

    private Diagnosis(String subject, boolean found) {
        this.subject = subject;
        this.found = found;
    }

    public static Diagnosis of(String subject) {
        return new Diagnosis(subject, true);
    }

    public static Diagnosis notFound(String subject) {
        return new Diagnosis(subject, false);
    }

    public String subject() {
        return subject;
    }

    /** False when the pod or service does not exist. */
    public boolean found() {
        return found;
    }

    public Section section(String title) {
        Section s = new Section(title);
        sections.add(s);
        return s;
    }

    public List<Section> sections() {
        return sections;
    }

    void okNext(String next) {
        this.okNext = next;
    }

    public List<Finding> problems() {
        return sections.stream().flatMap(s -> s.findings().stream()).filter(f -> f.level() == Level.PROBLEM).toList();
    }

    public boolean ok() {
        return found && problems().isEmpty();
    }

    /** {@code OK}, {@code PROBLEM: <first problem> (and N more)} or {@code NOT FOUND: ...}. */
    public String verdict() {
        if (!found) {
            return "NOT FOUND: " + subject + " does not exist";
        }
        List<Finding> problems = problems();
        if (problems.isEmpty()) {
            long unknown = sections.stream().flatMap(s -> s.findings().stream()).filter(f -> f.level() == Level.UNKNOWN).count();
            return "OK" + (unknown == 0 ? "" : " (" + unknown + " item" + (unknown == 1 ? "" : "s") + " could not be checked)");
        }
        return "PROBLEM: " + problems.get(0).text() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    /** What to check next: the first problem's hint, else the first unchecked item's, else the OK hint. */
    public String next() {
        if (!found) {
            return "check the namespace and name: kubectl get " + subject.replaceFirst(" .*", "").toLowerCase() + " -A";
        }
        Optional<String> hint = problems().stream().map(Finding::next).filter(n -> n != null && !n.isBlank()).findFirst();
        if (hint.isPresent()) {
            return hint.get();
        }
        if (!problems().isEmpty()) {
            return "look at the PROBLEM lines above";
        }
        return sections.stream().flatMap(s -> s.findings().stream())
                .filter(f -> f.level() == Level.UNKNOWN && f.next() != null).map(Finding::next).findFirst().orElse(okNext);
    }
}
