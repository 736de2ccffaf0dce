package io.acicni.apic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemKeysTest {

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the OCTET STRING after the algorithm identifier. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 0;
        i += 1 + lengthBytes(pkcs8, i + 1); // outer SEQUENCE header
        i += 3; // INTEGER 0
        i += 2 + pkcs8[i + 1]; // AlgorithmIdentifier (short form length)
        int len = length(pkcs8, i + 1);
        int start = i + 1 + lengthBytes(pkcs8, i + 1);
        return Arrays.copyOfRange(pkcs8, start, start + len);
    }

    private static int lengthBytes(byte[] b, int at) {
        return (b[at] & 0x80) == 0 ? 1 : 1 + (b[at] & 0x7f);
    }

    private static int length(byte[] b, int at) {
        if ((b[at] & 0x80) == 0) {
            return b[at];
        }
        int n = b[at] & 0x7f;
        int v = 0;
        for (int k = 1; k <= n; k++) {
            v = (v << 8) | (b[at + k] & 0xff);
        }
        return v;
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair kp = gen.generateKeyPair();
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        PrivateKey a = PemKeys.readRsaPrivateKey(pem("PRIVATE KEY", pkcs8));
        PrivateKey b = PemKeys.readRsaPrivateKey(pem("RSA PRIVATE KEY", pkcs1Of(pkcs8)));
        assertThat(a.getEncoded()).isEqualTo(pkcs8);
        assertThat(b.getEncoded()).isEqualTo(pkcs8);
    }

    @Test
    void otherKeysAreUnsupportedAndNeverQuoted() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        String ecPem = pem("PRIVATE KEY", gen.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> PemKeys.readRsaPrivateKey(ecPem)).hasMessageStartingWith("Unsupported key type");
        assertThatThrownBy(() -> PemKeys.readRsaPrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----"))
                .hasMessageStartingWith("Unsupported key type").hasMessageNotContaining("AAAA");
    }
}
