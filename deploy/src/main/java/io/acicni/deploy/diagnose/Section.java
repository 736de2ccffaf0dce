package io.acicni.deploy.diagnose;

import java.util.ArrayList;
import java.util.List;

/** A titled group of findings (the pod, ipam's view, the endpoint file, node checks, audit, events). */
public final class Section {
    private final String title;
    private final List<Finding> findings = new ArrayList<>();

    public Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Finding> findings() {
        return findings;
    }

    public Section add(Finding finding) {
        findings.add(finding);
        return this;
    }
}
