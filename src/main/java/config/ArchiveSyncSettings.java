package config;

/**
 * How archives are copied into Ceph, from {@code ccx.archive-sync.*}.
 *
 * @param singlePutMaxBytes archives up to this size go up in one streamed PUT; larger ones in parts
 * @param partsInFlight     parts held in memory at once over the process
 */
public record ArchiveSyncSettings(long maxArchiveBytes, long partBytes, int partsInFlight, long singlePutMaxBytes) {
    public static ArchiveSyncSettings read(CcxProperties properties) {
        return new ArchiveSyncSettings(properties.number("ccx.archive-sync.max-archive-bytes"),
                properties.number("ccx.archive-sync.part-bytes"), properties.integer("ccx.archive-sync.parts-in-flight"),
                properties.number("ccx.archive-sync.single-put-max-bytes"));
    }
}
