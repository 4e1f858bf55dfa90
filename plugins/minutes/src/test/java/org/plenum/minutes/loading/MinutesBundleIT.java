package org.plenum.minutes.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.plenum.api.Plugin;
import org.plenum.api.http.CallerRole;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.minutes.testdb.TestDatabase;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;

/**
 * (In a package of its own: failsafe puts the signed jar on the class path, and a package may not mix signed and
 * unsigned classes.)
 *
 * <p>The built bundle in a real Felix, as the host's OSGi source loads it: it resolves with only the plugin API
 * exported to it, its activator registers the Plugin service, and that plugin — with the PDFBox the bundle embeds —
 * finalises minutes into a PDF on a real database.
 */
class MinutesBundleIT {

    private static final String API_PACKAGES = Stream.of("", ".room", ".event", ".http", ".json", ".audit", ".service", ".storage", ".ui")
            .map(p -> "org.plenum.api" + p + ";version=1.0.0").collect(Collectors.joining(","));

    @TempDir
    Path storage;

    @Test
    void felixResolvesTheBundleAndItsPluginFinalisesMinutesWithTheEmbeddedPdfBox() throws Exception {
        Path jar = Path.of(System.getProperty("plenum.plugin.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            var main = file.getManifest().getMainAttributes();
            assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("org.plenum.plugin.minutes");
            assertThat(main.getValue("Plenum-Plugin-Id")).isEqualTo("minutes");
            assertThat(main.getValue("Export-Package")).contains("org.plenum.minutes.api");
        }
        Framework felix = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGES));
        felix.start();
        try {
            BundleContext context = felix.getBundleContext();
            Bundle bundle = context.installBundle(jar.toUri().toString(), Files.newInputStream(jar));
            bundle.start();
            assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
            ServiceReference<Plugin> reference = context.getServiceReference(Plugin.class);
            Plugin plugin = context.getService(reference);
            assertThat(plugin.descriptor().id().value()).isEqualTo("minutes");

            PluginTester t = PluginTester.forPlugin(plugin).dataSource(TestDatabase.freshSchema()).start();
            SimulatedParticipant chair = t.join("Vorsitz", Role.MODERATOR);
            SimulatedParticipant taker = t.join("Schriftführung", Role.PARTICIPANT);
            chair.send("create", JsonObject.of("title", "Sitzung in Felix"));
            chair.send("appoint", JsonObject.of("participantId", taker.id()));
            long content = t.module().orElseThrow().joinSnapshot(chair.participant()).orElseThrow().getObject("document").getLong("contentRevision");
            taker.send("approve", JsonObject.of("revision", content));
            chair.send("approve", JsonObject.of("revision", content));
            JsonObject fin = chair.received("finalised").getLast().body();
            byte[] pdf = t.get("/minutes/" + fin.getString("documentId") + "/versions/1/minutes.pdf", t.caller("Rat", CallerRole.MEMBER)).body();
            assertThat(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("%PDF-");
            t.stopPlugin();
            bundle.stop();
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }
}
