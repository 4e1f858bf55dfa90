package org.plenum.api;

/**
 * The version of this plugin API, which plugins name in {@link PluginDescriptor#requires()}.
 *
 * <p>It follows SemVer and is independent of the server's release number. Within a major version
 * the API only grows: new types, new methods on interfaces the host implements, new default
 * methods on interfaces plugins implement, new enum constants and new records in non-exhaustive
 * families (such as {@code CoreEvent}); those raise the minor version. Anything that could break a
 * compiled plugin raises the major version. So a plugin built against 1.2 declares
 * {@code [1.2,2.0)}:
 * {@snippet :
 * PluginDescriptor descriptor = PluginDescriptor.builder("voting", "1.0.0")
 *         .name("Abstimmungen")
 *         .requires(VersionRange.compatibleWith(PlenumApi.VERSION))
 *         .build();
 * }
 * Plugins implement {@link Plugin}, {@link org.plenum.api.room.RoomModuleFactory},
 * {@link org.plenum.api.room.RoomModule} and {@link org.plenum.api.http.HttpHandler}; every other
 * interface here is implemented by the host (or the {@code PluginTester}) and may gain abstract
 * methods in a minor version, so plugins must not implement it.
 */
public final class PlenumApi {

    // 1.1.0: RoomContext.startRecording / recordings, Recording, RecordingKind (the recording indicator)

    /** This API's version. Read at run time, it is the version of the host the plugin runs in. */
    public static final SemVer VERSION = SemVer.of(1, 1, 0);

    private PlenumApi() {
    }
}
