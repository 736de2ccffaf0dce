package io.acicni.deploy.check;

import java.util.ArrayList;
import java.util.List;

/** Keeps passing evidence readable on big clusters: the first few lines and a count of the rest. */
final class Evidence {
    static final int SAMPLE = 20;

    private Evidence() {
    }

    static List<String> sample(List<String> lines) {
        if (lines.size() <= SAMPLE) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, SAMPLE));
        out.add("... and " + (lines.size() - SAMPLE) + " more like these");
        return out;
    }
}
