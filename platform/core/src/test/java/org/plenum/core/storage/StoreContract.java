package org.plenum.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenum.core.PlatformCore;
import org.plenum.core.config.Settings;
import org.plenum.core.error.Problem;
import org.plenum.core.invite.Invite;
import org.plenum.core.room.Room;
import org.plenum.core.room.WaitingRoomPolicy;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.user.PlatformRole;
import org.plenum.core.user.User;

/**
 * What every store must do, whichever PostgreSQL it runs on. Subclasses supply the settings: the
 * embedded default, or an external server reached by URL.
 */
abstract class StoreContract {

    abstract Map<String, String> databaseSettings();

    private PlatformCore startCore() {
        return PlatformCore.start(Settings.of(databaseSettings()).with(Map.of("admin.password", "bootstrap-password", "media.udp.port", "0", "media.tcp.port", "0")),
                new SimpleMeterRegistry());
    }

    @Test
    void tenantsFormAHierarchyUnderOneRoot() {
        try (PlatformCore core = startCore()) {
            Tenant root = core.tenants.root().orElseThrow();
            String slug = "town-" + System.nanoTime();
            Tenant town = core.tenants.create(slug, "Town", root.id());
            assertThat(town.parentId()).isEqualTo(root.id());
            assertThat(core.tenants.findBySlug(slug)).contains(town);
            assertThatThrownBy(() -> core.tenants.create(slug, "Again", root.id()))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT));
            assertThatThrownBy(() -> core.tenants.create("Bad Slug!", "x", root.id()))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains("slug"));
        }
    }

    @Test
    void usersRoomsMeetingsInvitesAndBansRoundTrip() {
        try (PlatformCore core = startCore()) {
            Tenant root = core.tenants.root().orElseThrow();
            User u = core.users.createLocal(root.id(), "user" + System.nanoTime(), core.passwords.hash("pw-pw-pw-pw"), "Ulla", PlatformRole.MEMBER);
            User ext = core.users.upsertExternal("https://kc/realms/x", "sub-" + System.nanoTime(), root.id(), "Ext", PlatformRole.MODERATOR);
            User again = core.users.upsertExternal(ext.issuer(), ext.subject(), root.id(), "Ext Renamed", PlatformRole.MEMBER);
            assertThat(again.id()).isEqualTo(ext.id());
            assertThat(again.role()).isEqualTo(PlatformRole.MEMBER);

            Room room = core.roomStore.create(root.id(), u.id(), "Raum", null, WaitingRoomPolicy.EVERYONE);
            assertThat(core.roomStore.find(room.id())).contains(room);
            core.roomStore.update(room.id(), "Neu", core.passwords.hash("pw"), null, true);
            Room changed = core.roomStore.find(room.id()).orElseThrow();
            assertThat(changed.title()).isEqualTo("Neu");
            assertThat(changed.hasPassword()).isTrue();
            assertThat(changed.locked()).isTrue();
            assertThat(core.roomStore.findByConferenceId(room.dialIn().conferenceId())).isPresent();

            Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
            core.meetings.create(room.id(), "Sitzung", start, start.plusSeconds(60), List.of("a@b.de"), u.id());
            assertThat(core.meetings.inRoom(room.id())).singleElement().satisfies(m -> assertThat(m.invitees()).containsExactly("a@b.de"));

            Invite invite = core.invites.create(room.id(), "Gäste", Instant.now().plusSeconds(3600), u.id());
            assertThat(core.invites.usable(invite.token())).isPresent();
            core.roomStore.ban(room.id(), null, invite.id());
            core.roomStore.ban(room.id(), null, invite.id());
            assertThat(core.roomStore.isBanned(room.id(), null, invite.id())).isTrue();
            assertThat(core.roomStore.isBanned(room.id(), u.id(), null)).isFalse();
            core.invites.revoke(room.id(), invite.id());
            assertThat(core.invites.usable(invite.token())).isEmpty();

            assertThat(core.roomStore.delete(room.id())).isTrue();
            assertThat(core.meetings.inRoom(room.id())).isEmpty();
            assertThat(core.invites.findByToken(invite.token())).isEmpty();
        }
    }
}
