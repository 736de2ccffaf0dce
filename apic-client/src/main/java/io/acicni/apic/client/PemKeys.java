package io.acicni.apic.client;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads RSA private keys from PEM: {@code RSA PRIVATE KEY} (PKCS#1) or {@code PRIVATE KEY} (PKCS#8). */
public final class PemKeys {

    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PemKeys() {
    }

    /**
     * Parses the first private key block. Errors never quote the key material.
     *
     * @throws IllegalArgumentException "Unsupported key type" for anything but RSA
     */
    public static PrivateKey readRsaPrivateKey(String pem) {
        String type;
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            type = "RSA PRIVATE KEY";
        } else if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            type = "PRIVATE KEY";
        } else {
            throw new IllegalArgumentException("Unsupported key type: expected a PEM 'RSA PRIVATE KEY' or 'PRIVATE KEY'");
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin) + begin.length();
        int to = pem.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("PEM private key block is not terminated");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from, to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM private key is not valid base64");
        }
        byte[] pkcs8 = type.equals("RSA PRIVATE KEY") ? wrapPkcs1(der) : der;
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Unsupported key type: not an RSA private key");
        }
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x02);
        body.write(0x01);
        body.write(0x00);
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
    }
}
