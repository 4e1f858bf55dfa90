package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenum.it.support.Api;
import org.plenum.it.support.PluginAdmin;
import org.plenum.it.support.ServerRecords;
import org.plenum.it.support.SignedPlugins;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 6, browser flow: the signed voting bundle the reactor built is installed over the admin API, offered to Erfurt
 * and enabled there; a chair and members of Erfurt, each in their own headless Chromium, use the plugin's side panel.
 * A roll-call vote (names and choices in every browser, the PDF report), a secret vote (credentials fetched by the
 * browsers with RFC 9474 blind signatures as the vote starts, ballots cast anonymously, receipts in the published list,
 * the verifier finds the records intact), and a fault report that makes the chair cancel and repeat a vote.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientVotingIT {

    private static final String PASSWORD = "correct-horse-battery";

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;
    private String admin;
    private PluginAdmin plugins;
    private final Map<String, String> userIds = new HashMap<>();

    WebClientVotingIT(TestRun run) {
        this.run = run;
    }

    @BeforeEach
    void installVoting() throws Exception {
        admin = run.api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        plugins = new PluginAdmin(run, admin);
        HttpResponse<String> installed = plugins.upload(SignedPlugins.jar("voting"));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(installed.body()).contains("/plugins/voting/ui/voting.js");
        plugins.enableFor(run.erfurtTenantId, "voting");
    }

    @AfterEach
    void removeVoting() {
        plugins.remove("voting");
    }

    @Test
    void aChairRunsARollCallAndASecretVoteThreeMembersVoteInTheirBrowsersAndEveryoneSeesTheResultAndTheReport() throws Exception {
        PlenumPage chair = member("vote-chair", "Vorsitz Vogel", "moderator");
        chair.open("/");
        chair.loginLocal("vote-chair", PASSWORD);
        chair.createRoom("Gemeinderat Abstimmung");
        String[] names = {"Mitglied Adler", "Mitglied Brandt", "Mitglied Claus"};
        List<PlenumPage> members = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            members.add(member("vote-member-" + i, names[i], "member"));
        }
        chair.joinFromRooms(chair.room("Gemeinderat Abstimmung"));
        for (int i = 0; i < members.size(); i++) {
            PlenumPage m = members.get(i);
            m.open("/");
            m.loginLocal("vote-member-" + i, PASSWORD);
            m.joinFromRooms(m.room("Gemeinderat Abstimmung"));
        }
        List<PlenumPage> everyone = new ArrayList<>(members);
        everyone.addFirst(chair);

        // ---- roll call: only participants vote (the chair unticks moderators), so it closes itself when all three voted
        chair.testid("plugin-panel-voting").click();
        assertThat(chair.testid("plugin-panel-voting").getText()).isEqualTo("Vote");
        chair.testid("voting-kind-roll_call").click();
        chair.testid("voting-question").sendKeys("Soll der Haushalt 2027 beschlossen werden?");
        chair.testid("voting-role-moderator").click();
        chair.screenshot("web-voting-create");
        Axe.audit(chair.browser(), "plugin-voting-create");
        chair.testid("voting-start").click();
        awaitOpenVote(chair, "Haushalt 2027");

        String[] rollCallChoices = {"yes", "no", "yes"};
        for (int i = 0; i < members.size(); i++) {
            PlenumPage m = members.get(i);
            m.awaitAnnouncement("Haushalt 2027");
            // the first member comes through the notice, the others through the toolbar button
            m.testid(i == 0 ? "voting-notice-open" : "plugin-panel-voting").click();
            String rollCall = awaitOpenVote(m, "Haushalt 2027");
            assertThat(m.present("[data-testid=voting-close]")).as("only moderators close").isFalse();
            m.testid("voting-choice-" + rollCallChoices[i]).click();
            if (i == 0) {
                m.screenshot("web-voting-ballot");
                Axe.audit(m.browser(), "plugin-voting-ballot");
            }
            m.testid("voting-cast").click();
            assertThat(receiptOf(m, rollCall)).matches("[0-9a-f]{20}");
        }
        Map<String, String> expectedNamed = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            expectedNamed.put(names[i], rollCallChoices[i]);
        }
        for (PlenumPage p : everyone) {
            awaitResult(p, "roll_call", "2/1/0");
            assertThat(named(p)).as(p.name() + " sees names and choices").isEqualTo(expectedNamed);
            assertThat(p.js("return find(document, '[data-testid=voting-final-hash]').textContent.trim();").toString()).matches("[0-9a-f]{64}");
        }
        chair.screenshot("web-voting-rollcall-result-chair");
        members.getFirst().screenshot("web-voting-rollcall-result-member");
        Axe.audit(members.getFirst().browser(), "plugin-voting-result");
        String rollCallId = (String) chair.js("return find(document, '[data-testid=voting-result]').getAttribute('data-vote-id');");
        assertReportDownloads(chair, members.get(1), rollCallId);

        // ---- secret: everyone eligible (the chair too); the browsers fetch their credential as the vote starts
        chair.testid("voting-kind-secret").click();
        chair.testid("voting-question").sendKeys("Wahl der Schriftführung: Frau Ahrens?");
        chair.testid("voting-start").click();
        String secretId = awaitOpenVote(chair, "Schriftführung");
        String[] secretChoices = {"yes", "no", "abstain"};
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            PlenumPage m = members.get(i);
            awaitOpenVote(m, "Schriftführung");
            // ready before anyone clicked: fetched on 'started', blinded in the browser, signed blind by the server
            // (a loose bound: the blinding runs on JavaScript big numbers in four browsers sharing two cores)
            m.until("the anonymous ballot credential", PlenumPage.MEDIA.multipliedBy(2),
                    "const c = find(document, '[data-testid=voting-credential]'); return c && c.getAttribute('data-state') === 'ready';");
        }
        chair.until("the chair's own credential (moderators vote too this time)", PlenumPage.MEDIA.multipliedBy(2),
                "const c = find(document, '[data-testid=voting-credential]'); return c && c.getAttribute('data-state') === 'ready';");
        for (int i = 0; i < members.size(); i++) {
            PlenumPage m = members.get(i);
            m.testid("voting-choice-" + secretChoices[i]).click();
            m.testid("voting-cast").click();
            receipts.add(receiptOf(m, secretId));
            if (i == 0) {
                m.screenshot("web-voting-secret-receipt");
                Axe.audit(m.browser(), "plugin-voting-secret-receipt");
            }
        }
        chair.until("three of four ballots", PlenumPage.SCREEN,
                "const p = find(document, '[data-testid=voting-progress]'); return p && p.getAttribute('data-cast') === '3' && p.getAttribute('data-eligible') === '4';");
        chair.screenshot("web-voting-secret-progress-chair");
        Axe.audit(chair.browser(), "plugin-voting-secret-chair");
        chair.testid("voting-close").click();
        for (PlenumPage p : everyone) {
            awaitResult(p, "secret", "1/1/1");
            assertThat(p.present("[data-testid=voting-named]")).as("no names in a secret vote").isFalse();
            assertThat(listedReceipts(p)).as(p.name() + " sees every receipt, without choices").containsExactlyInAnyOrderElementsOf(receipts);
        }
        for (PlenumPage m : members) {
            assertThat(m.js("return find(document, '[data-testid=voting-own-receipt]').getAttribute('data-listed');")).isEqualTo("true");
        }
        members.get(2).screenshot("web-voting-secret-result-member");
        assertReportDownloads(chair, members.get(2), secretId);

        // the verifier, through the panel and over REST
        members.getFirst().testid("voting-verify").click();
        members.getFirst().until("the verifier's verdict", PlenumPage.SCREEN,
                "const v = find(document, '[data-testid=voting-verification]'); return v && v.getAttribute('data-intact') === 'true' && v.getAttribute('data-result-valid') === 'true';");
        Api.Reply verified = run.api.get("/api/v1/plugins/voting/votes/" + secretId + "/verification", token("vote-member-1"));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.body().path("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.body().path("resultValid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.body().path("recount").path("cast").asInt()).isEqualTo(3);
        assertThat(chair.browser().consoleLog()).as("no CSP violations from the plugin's module").noneMatch(l -> l.contains("Content Security Policy"));
    }

    @Test
    void aMemberReportsAProblemTheChairSeesItCancelsAndRepeatsTheVote() {
        PlenumPage chair = member("fault-chair", "Vorsitz Fuchs", "moderator");
        PlenumPage m = member("fault-member", "Mitglied Dorn", "member");
        chair.open("/");
        chair.loginLocal("fault-chair", PASSWORD);
        chair.joinFromRooms(chair.createRoom("Ausschuss Störung"));
        m.open("/");
        m.loginLocal("fault-member", PASSWORD);
        m.joinFromRooms(m.room("Ausschuss Störung"));

        chair.testid("plugin-panel-voting").click();
        chair.testid("voting-kind-roll_call").click();
        chair.testid("voting-question").sendKeys("Vertagung des Punktes 4?");
        chair.testid("voting-start").click();
        String first = awaitOpenVote(chair, "Vertagung");

        m.awaitAnnouncement("Vertagung");
        m.testid("plugin-panel-voting").click();
        awaitOpenVote(m, "Vertagung");
        m.element("[data-testid=voting-fault] summary").click();
        m.testid("voting-fault-kind").sendKeys("I cannot hear"); // a closed select picks the option typed
        assertThat(m.js("return find(document, '[data-testid=voting-fault-kind]').value;")).isEqualTo("hear");
        m.testid("voting-fault-note").sendKeys("Kein Ton seit der Frage");
        m.testid("voting-fault-send").click();
        m.testid("voting-fault-sent");

        // the chair is told (assertive announcement) and sees the report with name, kind and note
        chair.awaitAnnouncement("Mitglied Dorn");
        Object report = chair.until("the fault report", PlenumPage.SCREEN, """
                const f = find(document, '[data-testid=voting-fault-report]');
                return f ? f.getAttribute('data-reporter') + '|' + f.getAttribute('data-kind') + '|' + f.textContent : null;
                """);
        assertThat(report.toString()).startsWith("Mitglied Dorn|hear|").contains("Kein Ton seit der Frage");
        chair.screenshot("web-voting-fault-chair");
        Axe.audit(chair.browser(), "plugin-voting-fault-chair");

        chair.testid("voting-cancel-reason").sendKeys("Tonstörung bei einem Mitglied");
        chair.testid("voting-cancel").click();
        for (PlenumPage p : List.of(chair, m)) {
            p.until("the cancelled vote", PlenumPage.SCREEN, """
                    const r = find(document, '[data-testid=voting-result]');
                    return r && r.getAttribute('data-outcome') === 'cancelled' && r.getAttribute('data-valid') === 'false';
                    """);
            assertThat(p.present("[data-testid=voting-counts]")).as("a cancelled vote shows no counts").isFalse();
        }
        chair.testid("voting-repeat").click();
        String repeated = awaitOpenVote(chair, "Vertagung");
        assertThat(repeated).isNotEqualTo(first);
        assertThat(awaitOpenVote(m, "Vertagung")).isEqualTo(repeated);
        m.testid("voting-choice-no").click();
        m.testid("voting-cast").click();
        assertThat(receiptOf(m, repeated)).matches("[0-9a-f]{20}");
        m.screenshot("web-voting-repeated-member");
    }

    /**
     * V10 in browsers: five members cast a secret ballot from their own Chromium (credential blind-signed over the
     * socket, ballot sent by an anonymous fetch); afterwards no row of any table in the server's PostgreSQL and no line
     * of its log holds a person (name, user name or user id) together with a choice. The candidates' names occur
     * nowhere else, so a choice cannot hide among ordinary words.
     */
    @Test
    void v10_aSecretVoteOfFiveBrowsersLeavesNoRowOrLogLineThatLinksAPersonToAChoice() {
        PlenumPage chair = member("v10-chair", "Vorsitz Zeller", "moderator");
        chair.open("/");
        chair.loginLocal("v10-chair", PASSWORD);
        chair.joinFromRooms(chair.createRoom("Wahlausschuss"));
        String[] names = {"Wählerin Amsel", "Wähler Bussard", "Wählerin Córdoba", "Wähler Dohle", "Wählerin Elster"};
        String[] choices = {"Nordmann", "Südberg", "Nordmann", "Ostermann", "Südberg"};
        List<PlenumPage> voters = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            PlenumPage m = member("v10-voter-" + i, names[i], "member");
            m.open("/");
            m.loginLocal("v10-voter-" + i, PASSWORD);
            m.joinFromRoomsAudioOnly(m.room("Wahlausschuss")); // six browsers on two cores: no cameras needed to vote
            voters.add(m);
        }

        chair.testid("plugin-panel-voting").click();
        chair.testid("voting-kind-secret").click();
        chair.testid("voting-question").sendKeys("Wahl der Beigeordneten");
        chair.testid("voting-own-options").click();
        chair.testid("voting-options").sendKeys("Nordmann\nSüdberg\nOstermann");
        chair.testid("voting-role-moderator").click(); // the five members vote; the vote closes itself after the fifth
        chair.testid("voting-start").click();
        String voteId = awaitOpenVote(chair, "Beigeordneten");
        for (PlenumPage m : voters) {
            m.testid("plugin-panel-voting").click();
            awaitOpenVote(m, "Beigeordneten");
            m.until("the anonymous ballot credential", PlenumPage.MEDIA.multipliedBy(2),
                    "const c = find(document, '[data-testid=voting-credential]'); return c && c.getAttribute('data-state') === 'ready';");
        }
        for (int i = 0; i < voters.size(); i++) {
            voters.get(i).testid("voting-choice-" + choices[i]).click();
            voters.get(i).testid("voting-cast").click();
            receiptOf(voters.get(i), voteId);
        }
        chair.until("the valid result", PlenumPage.SCREEN,
                "const r = find(document, `[data-testid=voting-result][data-vote-id='${arguments[0]}']`); return r && r.getAttribute('data-valid') === 'true';",
                voteId);
        Api.Reply verified = run.api.get("/api/v1/plugins/voting/votes/" + voteId + "/verification", token("v10-voter-0"));
        assertThat(verified.body().path("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.body().path("recount").path("cast").asInt()).as(verified.toString()).isEqualTo(5);

        List<String> identities = new ArrayList<>(List.of(names));
        for (int i = 0; i < names.length; i++) {
            identities.add("v10-voter-" + i);
            identities.add(userIds.get("v10-voter-" + i));
        }
        List<String> rows = ServerRecords.everyDatabaseRow();
        assertThat(rows).as("the dump reaches the ballots and the people")
                .anyMatch(r -> r.contains("ballot_box") && r.contains("Südberg")).anyMatch(r -> r.contains("Wählerin Amsel"));
        for (String row : rows) {
            boolean person = identities.stream().anyMatch(row::contains);
            boolean choice = Stream.of(choices).anyMatch(row::contains);
            assertThat(person && choice).as("a row linking a person to a choice: %s", row).isFalse();
        }
        List<String> log = ServerRecords.serverLog();
        assertThat(log).as("the server's log of this run").isNotEmpty();
        for (String line : log) {
            assertThat(identities.stream().anyMatch(line::contains) && Stream.of(choices).anyMatch(line::contains)).as(line).isFalse();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A user of Erfurt with a browser of their own. */
    private PlenumPage member(String username, String displayName, String role) {
        Api.Reply user = run.api.post("/api/v1/tenants/" + run.erfurtTenantId + "/users", admin,
                Map.of("username", username, "password", PASSWORD, "displayName", displayName, "role", role));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        userIds.put(username, user.text("id"));
        return new PlenumPage(browsers.start(username), run.server.url());
    }

    private String token(String username) {
        return run.api.post("/api/v1/auth/login", null, Map.of("username", username, "password", PASSWORD)).text("access_token");
    }

    /** Waits for the open vote whose question contains {@code question} in the panel; returns its id. */
    private static String awaitOpenVote(PlenumPage p, String question) {
        return (String) p.until("the open vote '" + question + "'", PlenumPage.SCREEN, """
                const o = find(document, '[data-testid=voting-open]');
                const q = o && o.querySelector('[data-testid=voting-open-question]');
                return q && q.textContent.includes(arguments[0]) ? o.getAttribute('data-vote-id') : null;
                """, question);
    }

    /**
     * The person's receipt in vote {@code voteId}: under the open vote, or in that vote's result if their ballot was the
     * last and the vote closed itself (an earlier vote's result may still show another receipt of theirs).
     */
    private static String receiptOf(PlenumPage p, String voteId) {
        return (String) p.until("the receipt", PlenumPage.SCREEN, """
                const r = find(document, `[data-testid=voting-open][data-vote-id='${arguments[0]}'] [data-testid=voting-receipt]`)
                    || find(document, `[data-testid=voting-result][data-vote-id='${arguments[0]}'] [data-testid=voting-own-receipt]`);
                return r ? r.getAttribute('data-receipt') : null;
                """, voteId);
    }

    /** Waits for a valid result of {@code kind} and checks its counts (yes/no/abstain). */
    private static void awaitResult(PlenumPage p, String kind, String counts) {
        Object got = p.until("the " + kind + " result", PlenumPage.SCREEN, """
                const r = find(document, '[data-testid=voting-result]');
                if (!r || r.getAttribute('data-kind') !== arguments[0]) return null;
                return r.getAttribute('data-valid') + ' ' + [...r.querySelectorAll('[data-testid=voting-count]')].map(c => c.getAttribute('data-count')).join('/');
                """, kind);
        assertThat(got).as(p.name() + "'s " + kind + " result").isEqualTo("true " + counts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> named(PlenumPage p) {
        List<List<String>> pairs = (List<List<String>>) p.js(
                "return findAll(document, '[data-testid=voting-named-entry]').map(e => [e.getAttribute('data-name'), e.getAttribute('data-choice')]);");
        Map<String, String> out = new TreeMap<>();
        pairs.forEach(x -> out.put(x.get(0), x.get(1)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> listedReceipts(PlenumPage p) {
        return (List<String>) p.js("return findAll(document, '[data-testid=voting-receipt-entry]').map(e => e.getAttribute('data-receipt'));");
    }

    /** Clicks a report link and waits until the panel has fetched the PDF or given up; the server renders it on demand. */
    private static String fetchReportInPanel(PlenumPage p, String lang) {
        p.testid("voting-report-" + lang).click();
        return (String) p.until("the " + lang + " report fetched by the panel", PlenumPage.MEDIA.multipliedBy(2), """
                const a = find(document, arguments[0]);
                if (!a) return 'the panel is gone; the page is at ' + location.href;
                const s = a.getAttribute('data-state');
                if (s === 'ready') return Number(a.getAttribute('data-bytes')) > 1000 ? 'ready' : 'too small: ' + a.getAttribute('data-bytes');
                return s === 'failed' ? 'failed: ' + a.getAttribute('data-error') : null;
                """, "[data-testid=voting-report-" + lang + "]");
    }

    /** The panel's save link for the fetched report: its file name, and that it points at the fetched bytes (blob:). */
    private static String saveLink(PlenumPage p, String lang) {
        return (String) p.js("const a = find(document, arguments[0]); return a.getAttribute('download') + ' ' + a.href.split(':')[0];",
                "[data-testid=voting-report-save-" + lang + "]");
    }

    /**
     * The report links: clicking one in the browser fetches the PDF with the person's token (the panel marks it ready only
     * if the answer is application/pdf and starts with %PDF-) and offers it to save; the link's address answers a PDF in
     * German and English to a member of the room.
     */
    private void assertReportDownloads(PlenumPage chair, PlenumPage member, String voteId) throws Exception {
        assertThat(fetchReportInPanel(chair, "de")).isEqualTo("ready");
        assertThat(saveLink(chair, "de")).isEqualTo("vote-" + voteId + "-de.pdf blob");
        assertThat(fetchReportInPanel(member, "en")).isEqualTo("ready");
        assertThat(saveLink(member, "en")).isEqualTo("vote-" + voteId + "-en.pdf blob");
        String memberToken = token("vote-member-1");
        for (String lang : new String[] {"de", "en"}) {
            String href = (String) member.js("return find(document, arguments[0]).getAttribute('href');", "[data-testid=voting-report-" + lang + "]");
            assertThat(href).isEqualTo("/api/v1/plugins/voting/votes/" + voteId + "/report.pdf?lang=" + lang);
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(run.server.url().resolve(URI.create(href)))
                    .header("Authorization", "Bearer " + memberToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(new String(Arrays.copyOf(pdf.body(), 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }
}
