package io.acicni.netconfig.ip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpTextTest {

    @ParameterizedTest
    @CsvSource({
            "2001:0DB8:0042::0001, 2001:db8:42::1",
            "1:0:0:1:0:0:0:1, 1:0:0:1::1",
            "1:2:1:1:0:1:1:1, 1:2:1:1:0:1:1:1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "10.2.0.1, 10.2.0.1",
    })
    void formatsPerRfc5952(String input, String expected) throws Exception {
        assertThat(IpText.format(IpText.parseAddress(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.1", "010.1.1.1", "1.2.3.4.5", "1:2:1:1::1::1", " 10.1.1.1", "10.1.1.1 ", "",
            "fe80::1%eth0", "*", "10.1.1.1-10.1.1.5", "10.1.1.1/24", "g::1"})
    void rejectsWhatPythonRejects(String text) {
        assertThatThrownBy(() -> IpText.parseAddress(text)).isInstanceOf(MalformedAddressException.class);
    }
}
