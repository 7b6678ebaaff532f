package uploader;

import errors.BadInputException;
import storage.CephPath;

/**
 * Where the rules uploader puts a rules-results message (2024 shape): the archive's Ceph path with
 * {@code archives/compressed} replaced by {@code insights} and {@code .tar.gz} by
 * {@code /insights.json}, e.g. {@code insights/5d/5d5892d3-…/202101/20/031709/insights.json}.
 * <p>
 * Why: it is the key the public rules uploader writes (insights-ccx-messaging, RulesResultsConsumer
 * with {@code $report_path}), so readers of the bucket find a cluster's report of an archive by the
 * archive's own key; one archive, one key, so a redelivery or a replay lands on the same object.
 */
public final class RulesJsonKey {
    private static final String ARCHIVES = "archives/compressed/";
    private static final String SUFFIX = ".tar.gz";

    private RulesJsonKey() {
    }

    public static String of(String cephPath) {
        if (cephPath == null || !CephPath.CONTRACT_FORM.matcher(cephPath).matches()) {
            throw new BadInputException("rules-results path is not a Ceph archive path (contract §3.3): " + cephPath);
        }
        return "insights/" + cephPath.substring(ARCHIVES.length(), cephPath.length() - SUFFIX.length()) + "/insights.json";
    }
}
