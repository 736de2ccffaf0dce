package io.acicni.epwriter.files;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The character loops that replace the regex matches of the hot name checks accept exactly what the patterns accept. */
class FileNamesMatchPropertyTest {

    @Property(tries = 3000)
    void loopsAgreeWithThePatterns(@ForAll("names") String value) {
        for (Pattern pattern : new Pattern[] {FileNames.UID, FileNames.CONTAINER_ID, FileNames.INTERFACE}) {
            assertThat(FileNames.matches(pattern, value)).as(pattern + " on '" + value + "'").isEqualTo(pattern.matcher(value).matches());
        }
    }

    @Provide
    Arbitrary<String> names() {
        // ASCII letters and digits, the allowed punctuation, and look-alikes the patterns refuse (non-ASCII letters and digits, '_')
        Arbitrary<String> mixed = Arbitraries.strings().withChars("aZ09-._é٣ \u0000").ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> longOnes = Arbitraries.strings().withChars("aZ09-.").ofMinLength(10).ofMaxLength(140);
        return Arbitraries.oneOf(mixed, longOnes, Arbitraries.strings().ofMaxLength(10));
    }
}
