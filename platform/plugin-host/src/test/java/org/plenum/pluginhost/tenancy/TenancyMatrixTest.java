package org.plenum.pluginhost.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.plugin.ActivePlugin;
import org.plenum.core.user.PlatformRole;
import org.plenum.pluginhost.admin.PluginAdministration;
import org.plenum.pluginhost.admin.TenantPlugin;
import org.plenum.pluginhost.testing.HostFixture;
import org.plenum.pluginhost.testing.TestPlugins;

/**
 * Who gets which plugin: the state makes catalogue plugins available, municipalities enable them,
 * private plugins exist only for their owner; and who may decide each of these.
 */
class TenancyMatrixTest {

    static HostFixture f;
    static PluginAdministration admin;
    static final PluginId COUNTER = PluginId.of("counter");
    static final PluginId GREETER = PluginId.of("greeter");
    static Caller platformAdmin;
    static Caller stateAdmin;
    static Caller erfurtAdmin;
    static Caller erfurtMember;
    static Caller jenaAdmin;
    static Caller jenaModerator;

    @BeforeAll
    static void start() {
        f = new HostFixture();
        admin = new PluginAdministration(f.host, f.core.tenants);
        platformAdmin = f.caller(f.state, PlatformRole.PLATFORM_ADMIN);
        stateAdmin = f.caller(f.state, PlatformRole.TENANT_ADMIN);
        erfurtAdmin = f.caller(f.erfurt, PlatformRole.TENANT_ADMIN);
        erfurtMember = f.caller(f.erfurt, PlatformRole.MEMBER);
        jenaAdmin = f.caller(f.jena, PlatformRole.TENANT_ADMIN);
        jenaModerator = f.caller(f.jena, PlatformRole.MODERATOR);
        admin.install(platformAdmin, f.signed(TestPlugins.Counter.class), Optional.empty());
        admin.install(erfurtAdmin, f.signed(TestPlugins.GreeterV1.class, TestPlugins.GREETER_UI), Optional.of(f.erfurt));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static List<String> active(UUID tenant, String room) {
        return f.host.activeFor(tenant, room).stream().map(a -> a.id().value()).toList();
    }

    @Test
    void aCatalogueModuleRunsOnlyWhereTheStateMadeItAvailableAndTheMunicipalityEnabledIt() {
        assertThat(active(f.erfurt, "r1")).doesNotContain("counter");
        assertThatThrownBy(() -> admin.setEnabled(erfurtAdmin, f.erfurt.toString(), "counter", true))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
                    assertThat(p.detail()).contains("not available to this municipality");
                });

        admin.setAvailable(stateAdmin, "counter", f.erfurt.toString(), true);
        assertThat(active(f.erfurt, "r1")).as("available but not enabled").doesNotContain("counter");
        TenantPlugin enabled = admin.setEnabled(erfurtAdmin, f.erfurt.toString(), "counter", true);
        assertThat(enabled.available()).isTrue();
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.active()).isTrue();
        assertThat(active(f.erfurt, "r1")).contains("counter");
        assertThat(active(f.jena, "r2")).as("Jena was not given it").doesNotContain("counter");

        ActivePlugin a = f.host.activeFor(f.erfurt, "r1").stream().filter(x -> x.id().equals(COUNTER)).findFirst().orElseThrow();
        assertThat(a.version().toString()).isEqualTo("1.0.0");
        assertThat(a.faults()).isSameAs(f.host);
        assertThat(a.generation()).isPositive();

        // one room switched off, by someone who manages it
        String off = f.core.rooms.create(erfurtMember, "Ratssaal", null, null).id();
        assertThatThrownBy(() -> admin.setRoomEnabled(jenaAdmin, off, "counter", false, f.core.rooms)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        admin.setRoomEnabled(erfurtMember, off, "counter", false, f.core.rooms);
        assertThat(active(f.erfurt, off)).doesNotContain("counter");
        assertThat(active(f.erfurt, "r1")).contains("counter");

        // the state withdraws it: the municipality's enablement goes too
        admin.setAvailable(platformAdmin, "counter", f.erfurt.toString(), false);
        assertThat(active(f.erfurt, "r1")).doesNotContain("counter");
        admin.setAvailable(platformAdmin, "counter", f.erfurt.toString(), true);
        assertThat(active(f.erfurt, "r1")).as("enabling again is the municipality's decision").doesNotContain("counter");
    }

    @Test
    void aPrivateModuleExistsOnlyForItsMunicipality() {
        assertThat(f.host.find(GREETER).orElseThrow().row().ownerTenant()).contains(f.erfurt);
        assertThat(active(f.erfurt, "r1")).as("installed, not yet enabled").doesNotContain("greeter");
        admin.setEnabled(erfurtAdmin, f.erfurt.toString(), "greeter", true);
        assertThat(active(f.erfurt, "r1")).contains("greeter");
        assertThat(active(f.jena, "r1")).doesNotContain("greeter");

        // invisible to Jena: as if it did not exist
        assertThatThrownBy(() -> admin.setEnabled(jenaAdmin, f.jena.toString(), "greeter", true)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> admin.get(jenaAdmin, "greeter")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> admin.disable(jenaAdmin, "greeter")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThat(admin.ofTenant(jenaAdmin, f.jena.toString())).extracting(t -> t.info().row().id().value()).doesNotContain("greeter");
        assertThat(admin.list(jenaAdmin)).isEmpty();
        // and the state cannot hand it to others
        assertThatThrownBy(() -> admin.setAvailable(platformAdmin, "greeter", f.jena.toString(), true))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains("private plugin"));

        assertThat(admin.list(erfurtAdmin)).extracting(p -> p.row().id().value()).containsExactly("greeter");
        assertThat(admin.ofTenant(erfurtMember, f.erfurt.toString())).extracting(t -> t.info().row().id().value()).contains("greeter");
    }

    @Test
    void onlyAdministratorsDecide() {
        assertThatThrownBy(() -> admin.list(erfurtMember)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> admin.install(jenaModerator, f.signed(TestPlugins.Stranger.class), Optional.empty()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> admin.install(jenaAdmin, f.signed(TestPlugins.Stranger.class), Optional.empty()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> admin.install(jenaAdmin, f.signed(TestPlugins.Stranger.class), Optional.of(f.erfurt)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> admin.disable(jenaAdmin, "counter")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> admin.setAvailable(erfurtAdmin, "counter", f.erfurt.toString(), true))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> admin.setEnabled(erfurtMember, f.erfurt.toString(), "counter", true))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> admin.setEnabled(jenaAdmin, f.erfurt.toString(), "counter", true))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> admin.ofTenant(jenaModerator, f.erfurt.toString()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> admin.get(platformAdmin, "no such id!")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        // a municipality installs its own private module; the state's admins see it, to support them
        var own = admin.install(jenaAdmin, f.signed(TestPlugins.Stranger.class), Optional.of(f.jena));
        assertThat(own.row().ownerTenant()).contains(f.jena);
        assertThat(admin.list(platformAdmin)).extracting(p -> p.row().id().value()).contains("stranger", "greeter", "counter");
        admin.uninstall(jenaAdmin, "stranger", true);
    }
}
