package io.acicni.deploy.diagnose;

import java.io.PrintWriter;

/** Text output of a diagnosis: sections, one finding per line with its level, then Verdict and Next. */
public final class DiagnosisPrinter {
    private DiagnosisPrinter() {
    }

    public static void print(Diagnosis d, PrintWriter out) {
        for (Section s : d.sections()) {
            out.println(s.title());
            for (Finding f : s.findings()) {
                out.printf("  %-7s %s%n", f.level(), f.text());
            }
        }
        out.println("Verdict: " + d.verdict());
        out.println("Next: " + d.next());
        out.flush();
    }
}
