package io.acicni.deploy.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.List;

/** Prints check results as text (one status line per check, evidence indented) or as a JSON array. */
public final class ResultPrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultPrinter() {
    }

    public static void text(List<CheckResult> results, PrintWriter out) {
        for (CheckResult r : results) {
            out.printf("%-4s  %s%n", r.status(), r.check());
            for (String e : r.evidence()) {
                out.println("      " + e);
            }
        }
        long fail = results.stream().filter(r -> r.status() == CheckStatus.FAIL).count();
        long pass = results.stream().filter(r -> r.status() == CheckStatus.PASS).count();
        long skip = results.stream().filter(r -> r.status() == CheckStatus.SKIP).count();
        out.println((fail == 0 ? "Result: OK - " : "Result: FAILED - ") + pass + " passed, " + fail + " failed, " + skip + " skipped");
        out.flush();
    }

    /** {@code [{"check", "status", "evidence": [...]}, ...]}. */
    public static void json(List<CheckResult> results, PrintWriter out) {
        try {
            out.println(JSON.writeValueAsString(results));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
