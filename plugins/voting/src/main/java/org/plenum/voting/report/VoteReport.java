package org.plenum.voting.report;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.voting.VoteKind;
import org.plenum.voting.VoteStore.StoredVote;

/**
 * Renders a closed vote as PDF/A-2b: the items of acceptance point V16 (agenda item, kind, start and end,
 * eligible, cast, tally, how it ended, names for roll calls only, the event log, the signed final hash) and the
 * verifier's verdict. Fonts are embedded (DejaVu), the colour space is sRGB with an output intent, and the XMP
 * metadata declares PDF/A-2B. Thread-safe; blocking (CPU).
 */
public final class VoteReport {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss 'UTC'").withZone(ZoneId.of("UTC"));

    /**
     * The report.
     *
     * @param vote         the closed vote
     * @param ledger       its ledger entries, in order
     * @param verification the verifier's result
     * @param language     German or English
     */
    public byte[] render(StoredVote vote, List<AuditEntry> ledger, JsonObject verification, Locale language) {
        boolean de = !language.getLanguage().equals("en");
        try (PDDocument doc = new PDDocument()) {
            PDFont regular = font(doc, "DejaVuSans.ttf");
            PDFont bold = font(doc, "DejaVuSans-Bold.ttf");
            PDFont mono = font(doc, "DejaVuSansMono.ttf");
            String title = (de ? "Abstimmungsbericht: " : "Vote report: ") + vote.definition().question();
            pdfa(doc, title, de);
            Writer w = new Writer(doc, regular, bold, mono);
            JsonObject result = vote.result().orElseThrow(() -> new IllegalStateException("the vote has not ended"));
            w.heading(de ? "Abstimmungsbericht" : "Vote report", 16);
            w.field(de ? "Gegenstand" : "Question", vote.definition().question());
            w.field(de ? "Tagesordnungspunkt" : "Agenda item", vote.definition().agendaItem().orElse("—"));
            w.field(de ? "Art" : "Kind", kind(vote.definition().kind(), de) + (vote.definition().purpose().equals("election")
                    ? (de ? " (Wahl)" : " (election)") : ""));
            w.field(de ? "Abstimmungs-ID" : "Vote id", vote.id().toString());
            w.field(de ? "Beginn" : "Start", TIME.format(vote.openedAt()));
            w.field(de ? "Ende" : "End", vote.closedAt().map(TIME::format).orElse("—"));
            w.field(de ? "Stimmberechtigt" : "Eligible", String.valueOf(result.getInt("eligible")));
            w.field(de ? "Abgegebene Stimmen" : "Votes cast", String.valueOf(result.getInt("cast")));
            w.field(de ? "Ende durch" : "How it ended", outcome(result.getString("outcome"), de)
                    + (result.getString("reason").isEmpty() ? "" : " — " + result.getString("reason")));
            boolean valid = result.getBoolean("valid") && verification.getBoolean("resultValid");
            w.field(de ? "Ergebnis gültig" : "Result valid", valid ? (de ? "ja" : "yes")
                    : (de ? "NEIN — kein gültiges Ergebnis" : "NO — not a valid result"));
            if (result.has("counts")) {
                w.heading(de ? "Ergebnis" : "Result", 13);
                for (JsonValue c : result.getArray("counts")) {
                    w.field(option(c.asObject().getString("option"), de), String.valueOf(c.asObject().getInt("count")));
                }
            }
            if (vote.definition().kind() == VoteKind.ROLL_CALL && result.has("ballots")) {
                w.heading(de ? "Namentliche Stimmabgabe" : "Roll call", 13);
                for (JsonValue b : result.getArray("ballots")) {
                    w.field(b.asObject().getString("name"), option(b.asObject().getString("choice"), de));
                }
            }
            w.heading(de ? "Prüfung" : "Verification", 13);
            w.text(verification.getBoolean("intact")
                    ? (de ? "Protokoll, Signatur und Nachzählung stimmen überein." : "Ledger, signature and recount agree.")
                    : (de ? "PRÜFUNG FEHLGESCHLAGEN:" : "VERIFICATION FAILED:"), false);
            for (JsonValue f : verification.getArray("findings")) {
                JsonObject o = f.asObject();
                w.text("• " + o.getString("table") + " / " + o.getString("entry") + ": " + o.getString("detail"), false);
            }
            w.heading(de ? "Ereignisprotokoll" : "Event log", 13);
            for (AuditEntry e : ledger) {
                w.text("#" + e.sequence() + "  " + TIME.format(e.recordedAt()) + "  " + e.type() + "  " + summary(e, vote.definition().kind())
                        + "  [" + e.hash().hex().substring(0, 16) + "]", true);
            }
            w.heading(de ? "Versiegelung" : "Seal", 13);
            result.find("finalHash").ifPresent(h -> w.field(de ? "Endhash (SHA-256)" : "Final hash (SHA-256)", h.asString()));
            vote.signedHead().ifPresent(h -> {
                w.field(de ? "Einträge" : "Entries", String.valueOf(h.getLong("seq")));
                w.field(de ? "Signiert am" : "Signed at", TIME.format(Instant.parse(h.getString("signedAt"))));
                w.field(de ? "Signatur (Ed25519)" : "Signature (Ed25519)", h.getString("signature"));
                w.field(de ? "Server-Schlüssel (SHA-256)" : "Server key (SHA-256)", h.getString("keyFingerprint"));
            });
            w.text(de ? "Prüfen: bin/plenum verify-vote " + vote.id() + "  (docs/plugins/voting.md)"
                    : "Verify: bin/plenum verify-vote " + vote.id() + "  (docs/plugins/voting.md)", false);
            w.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be rendered: " + e.getMessage(), e);
        }
    }

    private static String summary(AuditEntry e, VoteKind kind) {
        JsonObject p = e.payload();
        return switch (e.type()) {
            case "vote.opened" -> p.getObject("definition").getString("kind") + ", " + p.getObject("chair").getString("name")
                    + p.optString("publicKeyHash").map(h -> ", key " + h.substring(0, 16)).orElse("");
            case "eligibility.set" -> {
                List<String> parts = new ArrayList<>();
                p.getArray("voters").forEach(v -> parts.add(v.asObject().getString("name") + (v.asObject().getBoolean("eligible") ? "" : " (–)")));
                yield String.join(", ", parts);
            }
            case "credential.issued" -> p.getString("name");
            case "ballot.accepted" -> switch (kind) {
                case ROLL_CALL -> p.getString("name") + ": " + p.getString("choice");
                case PSEUDONYMOUS -> p.getString("receipt") + ": " + p.getString("choice");
                case SECRET -> p.getString("ballot").substring(0, 16) + ": " + p.getString("choice");
            };
            case "ballot.refused", "credential.refused" -> p.optString("reason").orElse("");
            case "fault.reported" -> p.getString("reporter") + ": " + p.getString("kind") + (p.getString("note").isEmpty() ? "" : " — " + p.getString("note"));
            case "vote.chair_changed" -> p.getString("name") + " (" + p.getString("reason") + ")";
            case "vote.closed" -> p.getString("outcome") + (p.getBoolean("valid") ? "" : " (invalid)") + ", " + p.getInt("cast") + "/"
                    + p.getInt("eligible");
            default -> "";
        };
    }

    private static String kind(VoteKind k, boolean de) {
        return switch (k) {
            case ROLL_CALL -> de ? "namentliche Abstimmung" : "roll call";
            case PSEUDONYMOUS -> de ? "pseudonyme Abstimmung (Quittungen)" : "pseudonymous (receipts)";
            case SECRET -> de ? "geheime Abstimmung (blinde Signaturen, RFC 9474)" : "secret (blind signatures, RFC 9474)";
        };
    }

    private static String outcome(String o, boolean de) {
        return switch (o) {
            case "closed" -> de ? "Schließung durch die Sitzungsleitung" : "closed by the chair";
            case "all_voted" -> de ? "alle Stimmberechtigten haben abgestimmt" : "every eligible member voted";
            case "expired" -> de ? "Zeit abgelaufen" : "time ran out";
            case "cancelled" -> de ? "ABGEBROCHEN" : "CANCELLED";
            default -> o;
        };
    }

    private static String option(String o, boolean de) {
        return switch (o) {
            case "yes" -> de ? "Ja" : "Yes";
            case "no" -> de ? "Nein" : "No";
            case "abstain" -> de ? "Enthaltung" : "Abstain";
            default -> o;
        };
    }

    private static PDFont font(PDDocument doc, String file) throws IOException {
        try (InputStream in = VoteReport.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("font " + file + " is missing from the plugin jar");
            }
            return PDType0Font.load(doc, in, true);
        }
    }

    /** XMP metadata declaring PDF/A-2B, the document information to match, and an sRGB output intent. */
    private static void pdfa(PDDocument doc, String title, boolean de) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("Plenum voting");
        info.setProducer("Plenum voting (Apache PDFBox)");
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        try {
            DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
            dc.setTitle(title);
            dc.addLanguage(de ? "de" : "en");
            AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
            pdf.setProducer("Plenum voting (Apache PDFBox)");
            XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
            basic.setCreatorTool("Plenum voting");
            PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
            id.setPart(2);
            id.setConformance("B");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, bytes, true);
            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata(bytes.toByteArray());
            doc.getDocumentCatalog().setMetadata(metadata);
        } catch (org.apache.xmpbox.type.BadFieldValueException | javax.xml.transform.TransformerException e) {
            throw new IOException("PDF/A metadata: " + e.getMessage(), e);
        }
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(srgb));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        doc.getDocumentCatalog().addOutputIntent(intent);
        doc.getDocumentCatalog().setLanguage(de ? "de-DE" : "en-GB");
    }

    /** Lays out lines top to bottom, page after page. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDFont regular;
        private final PDFont bold;
        private final PDFont mono;
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument doc, PDFont regular, PDFont bold, PDFont mono) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            this.mono = mono;
            newPage();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void heading(String text, float size) {
            y -= size / 2;
            line(text, bold, size, MARGIN);
        }

        void field(String label, String value) {
            List<String> lines = wrap(label + ": " + value, regular, 10, WIDTH);
            for (String l : lines) {
                line(l, regular, 10, MARGIN);
            }
        }

        void text(String text, boolean monospace) {
            PDFont f = monospace ? mono : regular;
            float size = monospace ? 7.5f : 10;
            for (String l : wrap(text, f, size, WIDTH)) {
                line(l, f, size, MARGIN);
            }
        }

        private void line(String text, PDFont font, float size, float x) {
            try {
                if (y < MARGIN + size) {
                    newPage();
                }
                y -= size * 1.35f;
                out.beginText();
                out.setFont(font, size);
                out.newLineAtOffset(x, y);
                out.showText(printable(text, font));
                out.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish() throws IOException {
            out.close();
        }

        private static String printable(String text, PDFont font) {
            StringBuilder b = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String s = new String(Character.toChars(cp));
                try {
                    font.encode(s);
                    b.append(s);
                } catch (IOException | IllegalArgumentException e) {
                    b.append('?');
                }
            });
            return b.toString();
        }

        private static List<String> wrap(String text, PDFont font, float size, float width) {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split("(?<=[ ,/])")) {
                String candidate = current + word;
                if (widthOf(candidate, font, size) > width && !current.isEmpty()) {
                    lines.add(current.toString().stripTrailing());
                    current = new StringBuilder();
                }
                while (widthOf(word, font, size) > width) {
                    int cut = Math.max(1, (int) (word.length() * width / widthOf(word, font, size)) - 1);
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                current.append(word);
            }
            if (!current.isEmpty()) {
                lines.add(current.toString().stripTrailing());
            }
            return lines;
        }

        private static float widthOf(String s, PDFont font, float size) {
            try {
                return font.getStringWidth(printable(s, font)) / 1000 * size;
            } catch (IOException | IllegalArgumentException e) {
                return s.length() * size * 0.6f;
            }
        }
    }

    /** For the report's counts when the caller has them as a map. */
    static String counts(Map<String, Integer> counts) {
        return counts.toString();
    }
}
