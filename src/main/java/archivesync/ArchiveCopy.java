package archivesync;

import storage.CephPath;
import storage.S3Key;

/**
 * One archive's copy as the sync route goes through it (an exchange property): the source key
 * and Ceph path, then the source version its GET saw, then whether the bytes were uploaded (false:
 * Ceph already held that version).
 *
 * @param size     the source object's length; -1 before the GET
 * @param version  the source object's ETag, without quotes; "" before the GET
 * @param uploaded null until known
 */
public record ArchiveCopy(S3Key source, CephPath target, long size, String version, Boolean uploaded, long startedNanos) {

    static ArchiveCopy of(S3Key source, CephPath target) {
        return new ArchiveCopy(source, target, -1, "", null, System.nanoTime());
    }

    ArchiveCopy fetched(long size, String version) {
        return new ArchiveCopy(source, target, size, version, uploaded, startedNanos);
    }

    ArchiveCopy uploaded(boolean uploaded) {
        return new ArchiveCopy(source, target, size, version, uploaded, startedNanos);
    }
}
