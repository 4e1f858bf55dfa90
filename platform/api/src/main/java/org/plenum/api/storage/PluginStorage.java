package org.plenum.api.storage;

import javax.sql.DataSource;

/**
 * The plugin's own PostgreSQL schema, {@code plugin_<id>}, available when its descriptor declares
 * {@link SchemaMigrations}; the migrations have run before {@code Plugin.start}.
 *
 * <p>Connections from {@link #dataSource()} log in as a database role that owns the plugin's
 * schema and nothing else: no rights on the core's schema or other plugins' schemas, its
 * {@code search_path} set to the plugin's schema. They come from a small pool the host sizes and
 * watches; return them promptly ({@code try}-with-resources). JDBC blocks, so never use it on a
 * room's thread: run it via {@link org.plenum.api.room.RoomContext#offload}.
 * {@snippet :
 * // in a RoomModule: store a ballot off the room thread, then confirm on it
 * room.offload(() -> {
 *     try (Connection c = storage.dataSource().getConnection();
 *          PreparedStatement s = c.prepareStatement("insert into ballot(vote_id, receipt) values (?, ?)")) {
 *         s.setObject(1, voteId);
 *         s.setString(2, receipt);
 *         s.executeUpdate();
 *     }
 *     return receipt;
 * }, (stored, failure) -> {
 *     if (failure == null) {
 *         room.reply(message, "cast_ok", JsonObject.of("receipt", stored));
 *     } else {
 *         room.refuse(message, RefusalCode.UNAVAILABLE, "your vote could not be stored; please try again");
 *     }
 * });
 * }
 * Plugins keep tenant data apart themselves: every table that holds tenant data has a
 * {@code tenant_id} column and every query filters on it.
 * Implemented by the host.
 */
public interface PluginStorage {

    /** The schema name, {@code plugin_<id>} (see {@link org.plenum.api.PluginId#schemaName()}). */
    String schemaName();

    /** Connections limited to the plugin's schema. Blocking; not on a room thread. */
    DataSource dataSource();
}
