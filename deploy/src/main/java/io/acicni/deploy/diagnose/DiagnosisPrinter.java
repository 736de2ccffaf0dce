package io.acicni.deploy.diagnose;

import java.io.PrintWriter;

/**
 * Text output of a diagnosis: sections, one finding per line with its level (a PROBLEM or UNKNOWN
 * followed by {@code -> what to check}), then Verdict and Next.
 */
public final class DiagnosisPrinter {
    private DiagnosisPrinter() {
    }

    public static void print(Diagnosis d, PrintWriter out) {
        for (Section s : d.sections()) {
            out.println(s.title());
            for (Finding f : s.findings()) {
                out.printf("  %-7s %s%n", f.level(), f.text());
                if (f.next() != null && (f.level() == Level.PROBLEM || f.level() == Level.UNKNOWN)) {
                    out.println("          -> " + f.next());
                }
            }
        }
        out.println("Verdict: " + d.verdict());
        out.println("Next: " + d.next());
        out.flush();
    }
}
