package org.plenum.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.results.ValidationResult;

/** Shared steps of the minutes tests: a session on a real database, and reading what came back. */
final class MinutesTesting {

    private MinutesTesting() {
    }

    static PluginTester session(DataSource ds) {
        return PluginTester.forPlugin(new MinutesPlugin()).dataSource(ds).start();
    }

    /** The last document frame (join snapshot or {@code document}) the participant got. */
    static JsonObject document(SimulatedParticipant p) {
        List<SentMessage> docs = p.received("document");
        JsonObject snapshot = docs.isEmpty() ? p.joinSnapshot().orElseThrow() : docs.getLast().body();
        return snapshot.getObject("document");
    }

    /** The current document as the module holds it, as members see it. */
    static JsonObject state(PluginTester t) {
        return t.module(MinutesModule.class).current().orElseThrow().view(false, true);
    }

    static JsonObject item(JsonObject doc, String itemId) {
        return doc.getArray("items").stream().map(JsonValue::asObject).filter(i -> i.getString("id").equals(itemId)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + itemId + " in " + doc));
    }

    static Optional<String> errorOf(SimulatedParticipant p) {
        SentMessage last = p.lastReceived();
        return last.type().equals("error") ? Optional.of(last.body().getString("code")) : Optional.empty();
    }

    static String errorCode(SimulatedParticipant p) {
        return errorOf(p).orElseThrow(() -> new AssertionError("expected a refusal, got " + p.lastReceived()));
    }

    static String pdfText(byte[] pdf) {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** veraPDF's verdict on the file, with the failed rules in the message if any. */
    static void assertPdfA(byte[] pdf) {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
             PDFAValidator validator = Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            ValidationResult result = validator.validate(parser);
            assertThat(parser.getFlavour().getPart().getPartNumber()).as("declared PDF/A part").isEqualTo(2);
            assertThat(result.isCompliant()).as("veraPDF: " + result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + "/" + a.getRuleId().getTestNumber() + " " + a.getMessage()).distinct().limit(10).toList())
                    .isTrue();
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate the PDF: " + e, e);
        }
    }
}
