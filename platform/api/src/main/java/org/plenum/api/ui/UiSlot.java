package org.plenum.api.ui;

/**
 * A place in the web client where a plugin's custom element can appear. The web client creates
 * the element there and gives it the room and participant it is shown for; the element talks to
 * its {@link org.plenum.api.room.RoomModule} through the client's signaling connection in the
 * plugin's namespace.
 * {@snippet :
 * UiMount panel = new UiMount(UiSlot.SIDE_PANEL, "voting-panel");
 * }
 * More slots may be added in minor API versions; a {@code switch} over this enum needs a
 * {@code default} branch.
 */
public enum UiSlot {
    /** A tab in the room's side panel (beside chat and participants). */
    SIDE_PANEL,
    /** A button in the room's bottom action bar; usually opens the side panel or a dialog. */
    ACTION_BAR,
    /** An entry in the top navigation, outside rooms (for example "my votes"). */
    NAV_BAR,
    /** An item in the menu of one participant in the participant list (moderator actions). */
    PARTICIPANT_MENU,
    /** A movable window over the video grid (a timer, a running vote). */
    FLOATING_WINDOW,
    /** A section in the room's settings dialog. */
    ROOM_SETTINGS,
    /** A page in the municipality administrators' area (the plugin's tenant settings and reports). */
    TENANT_ADMIN
}
