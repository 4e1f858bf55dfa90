package org.plenum.it.support;

/** A user of one of the test realms (src/test/resources/keycloak); all share {@link Keycloak#PASSWORD}. */
public record Person(String realm, String username, String displayName) {

    // realm "erfurt": one realm per municipality, so the realm decides the tenant
    public static final Person ERFURT_ADMIN = new Person("erfurt", "erfurt-admin", "Anna Amtsleiterin");
    public static final Person ERFURT_MODERATOR = new Person("erfurt", "erfurt-moderator", "Max Moderator");
    public static final Person ERFURT_MEMBER = new Person("erfurt", "erfurt-member", "Erika Mitarbeiterin");
    /** Has no Plenum role in Keycloak. */
    public static final Person ERFURT_NO_ROLE = new Person("erfurt", "erfurt-norole", "Nora Ohnerolle");
    public static final Person ERFURT_GUEST = new Person("erfurt", "erfurt-guest", "Gustav Gast");

    // realm "thueringen": the state's realm, a group per municipality below /kommunen
    public static final Person STATE_ADMIN = new Person("thueringen", "land-admin", "Lars Landesadmin");
    public static final Person JENA_ADMIN = new Person("thueringen", "jena-admin", "Jana Amtsleiterin");
    public static final Person JENA_MODERATOR = new Person("thueringen", "jena-moderator", "Moritz Moderator");
    public static final Person JENA_MEMBER = new Person("thueringen", "jena-member", "Jens Mitarbeiter");
    /** In the group /kommunen/weimar, a municipality without a tenant on the server. */
    public static final Person WEIMAR_MEMBER = new Person("thueringen", "weimar-member", "Wilma Mitarbeiterin");

    // realm "elsewhere": not configured on the server
    public static final Person STRANGER = new Person("elsewhere", "stranger", "Stefan Fremder");

    @Override
    public String toString() {
        return username + "@" + realm;
    }
}
