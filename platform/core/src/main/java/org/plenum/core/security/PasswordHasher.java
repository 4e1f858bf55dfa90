package org.plenum.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * with the OWASP minimum parameters as default. Parameters travel in the string, so raising them later
 * keeps old hashes verifiable.
 */
public final class PasswordHasher {

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int MAX_PASSWORD_CHARS = 1024;

    private final SecureRandom random = new SecureRandom();
    private final int memoryKiB;
    private final int iterations;

    public PasswordHasher() {
        this(19 * 1024, 2);
    }

    public PasswordHasher(int memoryKiB, int iterations) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
    }

    public String hash(String password) {
        checkLength(password);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKiB, iterations, 1, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** False for a wrong password and for any string that is not a hash this class wrote. */
    public boolean verify(String password, String phc) {
        if (password == null || phc == null || password.length() > MAX_PASSWORD_CHARS) {
            return false;
        }
        String[] parts = phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            if (m < 8 || t < 1 || p < 1 || expected.length < 16) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static void checkLength(String password) {
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_CHARS) {
            throw org.plenum.core.error.Problem.invalid("password must be 1-" + MAX_PASSWORD_CHARS + " characters");
        }
    }
}
