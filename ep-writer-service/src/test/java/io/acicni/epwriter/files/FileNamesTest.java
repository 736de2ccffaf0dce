package io.acicni.epwriter.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNamesTest {

    @Test
    void acceptsRealNames() {
        assertThat(FileNames.podUid("9286a043-6026-4050-a601-f7e30344738f")).isNotNull();
        assertThat(FileNames.containerId("d27d6043706f97e6a905")).isNotNull();
        assertThat(FileNames.interfaceName("veth", "vetha91b0923")).isNotNull();
        assertThat(FileNames.nodeName("worker-1.example.com")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", "..", "a_b", "", "-leading"})
    void refusesUnsafePodUids(String uid) {
        assertThatThrownBy(() -> FileNames.podUid(uid)).isInstanceOf(UnsafeNameException.class).hasMessageContaining("field 'podUid'");
    }

    @Test
    void refusesNulAndSaysSo() {
        assertThatThrownBy(() -> FileNames.containerId("abc\0def"))
                .isInstanceOf(UnsafeNameException.class)
                .hasMessage("field 'containerId' must not contain NUL, got 'abc\\x00def'");
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> FileNames.interfaceName("veth", "veth0123456789ab"))
                .isInstanceOf(UnsafeNameException.class).hasMessageContaining("1-15");
        assertThatThrownBy(() -> FileNames.containerId("a".repeat(129))).isInstanceOf(UnsafeNameException.class)
                .hasMessageContaining("1-128");
        assertThatThrownBy(() -> FileNames.podUid("a".repeat(65))).isInstanceOf(UnsafeNameException.class);
    }

    @Test
    void refusesSlashInVethAndDotDotInNodes() {
        assertThatThrownBy(() -> FileNames.interfaceName("veth", "/etc/passwd")).hasMessageContaining("path separator");
        assertThatThrownBy(() -> FileNames.nodeName("a..b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new Sandbox("uid-1", "abc", "veth1", "../x", null)).hasMessageContaining("field 'ifName'");
    }
}
