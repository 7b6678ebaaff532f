package features;

import storage.CephPath;
import storage.InvalidKeyException;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * What every extractor needs besides the archive files.
 *
 * @param clusterId    the message metadata's cluster UUID: the {@code cluster_id} of every row
 * @param cephPath     the archive's Ceph path: the {@code path} of every row that has one
 * @param analysisTime when the features were extracted (UTC), the {@code analysis_time} of rows
 * @param archiveTime  when the archive was collected (UTC): the time in the Ceph path, or the
 *                     analysis time if the path has none. It is the fallback for a
 *                     {@code last_transition_time} the source lacks: the validator rejects null
 *                     there, and the archive time is the latest the transition can have happened
 */
public record FeatureContext(String clusterId, String cephPath, LocalDateTime analysisTime, LocalDateTime archiveTime) {

    public static FeatureContext of(String clusterId, String cephPath, Instant now) {
        LocalDateTime analysis = NaiveTime.utc(now);
        LocalDateTime archive;
        try {
            archive = CephPath.parse(cephPath).collectedAt();
        } catch (InvalidKeyException e) {
            archive = analysis; // the contract check reports the bad path; rows still need a time
        }
        return new FeatureContext(clusterId, cephPath, analysis, archive);
    }

    /** {@code analysis_time} value. */
    public String analysisTimeText() {
        return NaiveTime.format(analysisTime);
    }

    /** Fallback {@code last_transition_time} value. */
    public String archiveTimeText() {
        return NaiveTime.format(archiveTime);
    }
}
