package org.plenum.minutes.export;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;

/**
 * Renders a minutes view ({@code MinutesDocument.view}) as PDF/A-2b: an embedded font (Liberation Sans from PDFBox),
 * an sRGB output intent and XMP metadata that names the conformance. German headings, as the minutes are German
 * documents. The caller passes the public view for the public export, so nothing non-public can reach it (M6).
 */
public final class MinutesPdf {

    private static final float MARGIN = 56;
    private static final float SIZE = 10.5f;
    private static final float LEADING = 14;

    private MinutesPdf() {
    }

    /** A rendered PDF and its SHA-256 (hex). */
    public record Rendered(byte[] pdf, String sha256) {
    }

    /** The PDF/A of {@code view}, with {@code footer} (the revision hash and version) on every page. */
    public static Rendered render(JsonObject view, String footer) {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font;
            try (InputStream ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                if (ttf == null) {
                    throw new IllegalStateException("PDFBox's Liberation Sans font is missing from the bundle");
                }
                font = PDType0Font.load(doc, ttf, true);
            }
            Writer w = new Writer(doc, font, footer);
            write(w, view);
            w.close();
            String title = "Niederschrift: " + view.getString("title");
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata(xmp(title).getBytes(StandardCharsets.UTF_8));
            doc.getDocumentCatalog().setMetadata(metadata);
            PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            doc.getDocumentCatalog().addOutputIntent(intent);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            byte[] pdf = out.toByteArray();
            return new Rendered(pdf, ChainHash.sha256(pdf).hex());
        } catch (IOException e) {
            throw new UncheckedIOException("the minutes could not be rendered as PDF", e);
        }
    }

    private static void write(Writer w, JsonObject v) throws IOException {
        boolean publicVersion = v.getBoolean("public");
        w.heading("Niederschrift" + (publicVersion ? " (öffentlicher Teil)" : ""), 16);
        w.line(v.getString("title"));
        if (!v.getString("place").isEmpty()) {
            w.line("Ort: " + v.getString("place"));
        }
        w.line("Beginn: " + v.optString("createdAt").orElse("-") + "   Ende: " + v.optString("endedAt").orElse("-"));
        w.line("Fassung " + v.getInt("version") + ", Stand Revision " + v.getLong("contentRevision"));
        w.gap();
        w.heading("Anwesenheit", 13);
        for (JsonValue p : v.getArray("attendance")) {
            JsonObject a = p.asObject();
            w.line("- " + a.getString("name") + " (" + (a.getString("presence").equals("in_room") ? "im Sitzungssaal" : "zugeschaltet") + ")");
        }
        for (JsonValue p : v.getArray("absent")) {
            JsonObject a = p.asObject();
            w.line("- abwesend: " + a.getString("name") + (a.getString("reason").isEmpty() ? "" : " (" + a.getString("reason") + ")"));
        }
        w.gap();
        w.heading("Tagesordnung", 13);
        for (JsonValue x : v.getArray("items")) {
            JsonObject item = x.asObject();
            w.heading("TOP " + item.getString("number") + ": " + item.getString("title")
                    + (item.getBoolean("public") ? "" : " (nichtöffentlich)") + (item.getBoolean("withdrawn") ? " (abgesetzt)" : ""), 11.5f);
            for (JsonValue m : item.getArray("arrivals")) {
                w.line("Eingetroffen: " + m.asObject().getString("name") + " um " + m.asObject().getString("at"));
            }
            for (JsonValue m : item.getArray("departures")) {
                w.line("Gegangen: " + m.asObject().getString("name") + " um " + m.asObject().getString("at"));
            }
            if (item.has("text")) {
                w.paragraph(item.getString("text"));
            }
            for (JsonValue vv : item.getArray("votes")) {
                JsonObject vote = vv.asObject();
                StringBuilder s = new StringBuilder("Abstimmung (" + kindName(vote.getString("kind")) + "): " + vote.getString("question"));
                vote.optObject("tally").ifPresent(t -> s.append(" — Ergebnis: ").append(tally(t)));
                vote.optBoolean("valid").ifPresent(ok -> s.append(ok ? "" : " — UNGÜLTIG"));
                vote.optString("finalHash").ifPresent(h -> s.append(" — Prüfsumme ").append(h));
                w.paragraph(s.toString());
                vote.optObject("names").ifPresent(n -> w.paragraphUnchecked("Namentlich: " + tally(n)));
            }
            for (JsonValue nn : item.getArray("notes")) {
                JsonObject note = nn.asObject();
                switch (note.getString("kind")) {
                    case "own_vote" -> w.paragraph("Auf Verlangen festgehalten: " + note.getString("name") + " stimmte mit „"
                            + note.getString("choice") + "“.");
                    case "objection" -> w.paragraph("Einwendung von " + note.getString("name") + ": " + note.getString("text"));
                    case "decision" -> w.paragraph("Beschluss über die Niederschrift: " + decisionName(note.getString("decision")));
                    default -> { }
                }
            }
        }
        if (!v.getArray("corrections").isEmpty()) {
            w.gap();
            w.heading("Berichtigungen", 13);
            for (JsonValue c : v.getArray("corrections")) {
                JsonObject corr = c.asObject();
                w.paragraph(corr.getInt("n") + ". " + corr.getString("name") + ": " + corr.getString("text"));
            }
        }
        if (!publicVersion && v.has("approvals")) {
            w.gap();
            w.heading("Genehmigt", 13);
            JsonObject ap = v.getObject("approvals");
            ap.optObject("chair").ifPresent(c -> w.lineUnchecked("Vorsitz: " + c.getString("name") + ", " + c.getString("at")));
            ap.optObject("taker").ifPresent(c -> w.lineUnchecked("Schriftführung: " + c.getString("name") + ", " + c.getString("at")));
        }
    }

    private static String tally(JsonObject t) {
        List<String> parts = new ArrayList<>();
        t.members().forEach((k, x) -> parts.add(k + ": " + (x instanceof org.plenum.api.json.JsonArray a
                ? String.join(", ", a.stream().map(e -> e instanceof org.plenum.api.json.JsonString(String s) ? s : e.toJson()).toList())
                : x.toJson())));
        return String.join("; ", parts);
    }

    private static String kindName(String kind) {
        return switch (kind) {
            case "roll_call" -> "namentlich";
            case "pseudonymous" -> "mit Quittung";
            case "secret" -> "geheim";
            default -> kind;
        };
    }

    private static String decisionName(String decision) {
        return switch (decision) {
            case "approved" -> "genehmigt";
            case "approved_with_corrections" -> "mit Berichtigungen genehmigt";
            case "not_approved" -> "nicht genehmigt";
            default -> decision;
        };
    }

    private static String xmp(String title) {
        String t = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
                + "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + t + "</rdf:li></rdf:Alt></dc:title></rdf:Description>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    }

    /** Lays text out on A4 pages, wrapping lines and starting new pages. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private final String footer;
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument doc, PDType0Font font, String footer) throws IOException {
            this.doc = doc;
            this.font = font;
            this.footer = footer;
            newPage();
        }

        void heading(String text, float size) throws IOException {
            if (y < MARGIN + 3 * LEADING) {
                newPage();
            }
            y -= 4;
            for (String l : wrap(printable(text), size)) {
                show(l, size, size + 4);
            }
        }

        void line(String text) throws IOException {
            for (String l : wrap(printable(text), SIZE)) {
                show(l, SIZE, LEADING);
            }
        }

        void lineUnchecked(String text) {
            try {
                line(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void paragraph(String text) throws IOException {
            for (String para : text.split("\r\n|\r|\n", -1)) {
                line(para);
            }
            y -= 3;
        }

        void paragraphUnchecked(String text) {
            try {
                paragraph(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void gap() {
            y -= LEADING / 2;
        }

        private void show(String text, float size, float leading) throws IOException {
            if (y - leading < MARGIN) {
                newPage();
            }
            y -= leading;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(text);
            out.endText();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            out.beginText();
            out.setFont(font, 7.5f);
            out.newLineAtOffset(MARGIN, MARGIN / 2);
            out.showText(printable("Seite " + doc.getNumberOfPages() + " · " + footer));
            out.endText();
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private List<String> wrap(String text, float size) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ", -1)) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // a word longer than the line is cut
                String rest = word;
                while (font.getStringWidth(rest) / 1000 * size > width) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                        cut = Math.max(1, cut * 3 / 4);
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
            return lines;
        }

        /** The text with every character the font cannot show (and control characters) replaced. */
        private String printable(String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == '\t') {
                    b.append(' ');
                } else if (Character.isISOControl(cp) || !canShow(cp)) {
                    b.append('?');
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.toString();
        }

        private final java.util.Map<Integer, Boolean> showable = new java.util.HashMap<>();

        private boolean canShow(int cp) {
            return showable.computeIfAbsent(cp, c -> {
                try {
                    font.encode(new String(Character.toChars(c)));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
        }

        void close() throws IOException {
            out.close();
        }
    }
}
