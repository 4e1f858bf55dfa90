package org.plenum.pluginhost.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSignatureVerifierTest {

    @TempDir
    static Path dir;
    static TestSigning trustedCa;
    static JarSignatureVerifier verifier;
    static Path unsigned;
    static Path signed;

    @BeforeAll
    static void prepare() throws Exception {
        trustedCa = new TestSigning("Plenum Test CA");
        verifier = new JarSignatureVerifier(trustedCa.trustStore());
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("org/example/Plugin.class", "pretend bytecode");
        entries.put("META-INF/services/org.plenum.api.Plugin", "org.example.Plugin\n");
        entries.put("ui/index.js", "export default {}");
        unsigned = TestSigning.jar(dir, "plugin.jar", entries);
        signed = TestSigning.sign(unsigned, trustedCa.issue("Stadt Erfurt IT"));
    }

    @Test
    void aJarSignedUnderTheTrustedAuthorityIsTrusted() {
        TrustVerdict v = verifier.verify(signed);
        assertThat(v).isInstanceOfSatisfying(TrustVerdict.Trusted.class,
                t -> assertThat(t.signers()).singleElement().satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("Stadt Erfurt IT")));
    }

    @Test
    void anUnsignedJarIsRefused() {
        assertRefused(verifier.verify(unsigned), TrustVerdict.Reason.UNSIGNED, "is not signed");
    }

    @Test
    void aJarWithOneEntryChangedAfterSigningIsRefusedNamingTheEntry() throws IOException {
        Path tampered = rewrite(signed, "tampered.jar", "ui/index.js", "export default { evil: true }", false);
        assertRefused(verifier.verify(tampered), TrustVerdict.Reason.TAMPERED, "ui/index.js");
    }

    @Test
    void anEntryAddedAfterSigningIsRefused() throws IOException {
        Path smuggled = rewrite(signed, "smuggled.jar", "org/example/Backdoor.class", "more bytecode", true);
        assertRefused(verifier.verify(smuggled), TrustVerdict.Reason.UNSIGNED, "org/example/Backdoor.class");
    }

    @Test
    void aServiceFileAddedAfterSigningIsRefusedToo() throws IOException {
        Path smuggled = rewrite(signed, "service.jar", "META-INF/services/java.lang.Runnable", "org.example.Backdoor", true);
        assertRefused(verifier.verify(smuggled), TrustVerdict.Reason.UNSIGNED, "META-INF/services/java.lang.Runnable");
    }

    @Test
    void aJarSignedByAnUntrustedKeyIsRefused() throws Exception {
        TestSigning stranger = new TestSigning("Somebody Else CA");
        Path foreign = TestSigning.sign(TestSigning.jar(dir, "foreign.jar", Map.of("a/B.class", "x")), stranger.issue("Mallory"));
        assertRefused(verifier.verify(foreign), TrustVerdict.Reason.UNTRUSTED, "Mallory");
    }

    @Test
    void garbageIsRefusedAsMalformed() throws IOException {
        Path garbage = dir.resolve("garbage.jar");
        Files.write(garbage, "this is no zip file".getBytes(StandardCharsets.UTF_8));
        assertRefused(verifier.verify(garbage), TrustVerdict.Reason.MALFORMED, "");
        Path empty = TestSigning.jar(dir, "empty.jar", Map.of());
        assertRefused(verifier.verify(empty), TrustVerdict.Reason.MALFORMED, "no classes");
    }

    private static void assertRefused(TrustVerdict v, TrustVerdict.Reason reason, String mentions) {
        assertThat(v).isInstanceOfSatisfying(TrustVerdict.Refused.class, r -> {
            assertThat(r.kind()).isEqualTo(reason);
            assertThat(r.reason()).contains(mentions);
        });
    }

    /** Copies a jar entry by entry, replacing or adding one entry, as an attacker with write access would. */
    private static Path rewrite(Path source, String name, String entry, String content, boolean add) throws IOException {
        Path target = dir.resolve(name);
        try (ZipFile in = new ZipFile(source.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                out.putNextEntry(new ZipEntry(z.getName()));
                if (!add && z.getName().equals(entry)) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.getInputStream(z).transferTo(out);
                }
                out.closeEntry();
            }
            if (add) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(content.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return target;
    }
}
