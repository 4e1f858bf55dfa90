package org.plenum.server.rest;

import java.util.List;
import java.util.UUID;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.ui.UiContribution;
import org.plenum.pluginhost.admin.TenantPlugin;
import org.plenum.pluginhost.lifecycle.PluginInfo;
import org.plenum.pluginhost.registry.InstalledPlugin;

/** The JSON shapes of the plugin endpoints. */
public final class PluginViews {

    private PluginViews() {
    }

    /** A plugin as administrators see it. */
    public record PluginView(String id, String version, String name, String description, String loader, String state, String reason,
                             String ownerTenantId, String sha256, List<String> signers, String installedAt, String installedBy,
                             boolean running, List<DependencyView> dependencies, List<String> routes, List<GrantView> tenants, UiView ui) {
        static PluginView of(PluginInfo p) {
            InstalledPlugin r = p.row();
            return new PluginView(r.id().value(), r.version().toString(), p.name(), p.descriptor().map(PluginDescriptor::description).orElse(""),
                    r.loader(), r.state().wireName(), r.reason().orElse(null), r.ownerTenant().map(UUID::toString).orElse(null), r.sha256(),
                    r.signers(), r.installedAt().toString(), r.installedBy().map(UUID::toString).orElse(null), p.running(),
                    p.descriptor().map(d -> d.dependencies().stream().map(x -> new DependencyView(x.id().value(), x.versions().toString())).toList())
                            .orElse(List.of()),
                    p.routes(), p.grants().stream().map(g -> new GrantView(g.tenantId().toString(), g.available(), g.enabled())).toList(),
                    UiView.of(p));
        }
    }

    /** Another plugin a plugin needs, with the versions it accepts. */
    public record DependencyView(String id, String versions) {
    }

    /** One tenant's rows for a plugin. */
    public record GrantView(String tenantId, boolean available, boolean enabled) {
    }

    /** Where the web client finds a plugin's part and where it shows it. */
    public record UiView(String entryUrl, List<MountView> mounts) {
        static UiView of(PluginInfo p) {
            return p.descriptor().flatMap(PluginDescriptor::ui).map(ui -> of(p, ui)).orElse(null);
        }

        private static UiView of(PluginInfo p, UiContribution ui) {
            return new UiView(ui.entryUrl(p.row().id()), ui.mounts().stream()
                    .map(m -> new MountView(m.slot().name().toLowerCase(java.util.Locale.ROOT), m.element())).toList());
        }
    }

    /** A custom element and its slot. */
    public record MountView(String slot, String element) {
    }

    /** A plugin as one tenant sees it; {@code ui} only while it serves the tenant. */
    public record TenantPluginView(String id, String version, String name, String description, boolean privateModule, boolean available,
                                   boolean enabled, boolean active, UiView ui) {
        static TenantPluginView of(TenantPlugin t) {
            PluginInfo p = t.info();
            return new TenantPluginView(p.row().id().value(), p.row().version().toString(), p.name(),
                    p.descriptor().map(PluginDescriptor::description).orElse(""), p.row().isPrivate(), t.available(), t.enabled(), t.active(),
                    t.active() ? UiView.of(p) : null);
        }
    }

    /** The state's decision for one municipality. */
    public record AvailabilityChange(Boolean available) {
    }

    /** The municipality's decision. */
    public record EnablementChange(Boolean enabled) {
    }
}
