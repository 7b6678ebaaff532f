package thanos;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The label checks of contract §13.2 for the two Thanos metrics, where a value is an
 * identity or has to fit its column: a cluster id that is not a UUID, an ebs_account that is not
 * a positive number, a {@code managed} that is not a boolean. A series that fails them is
 * skipped (and counted) by {@link HourJoin}, never fatal. {@code email_domain} and
 * {@code support} are data (docs/parquet-values.md): a support level newer than the 2021 list, a
 * domain with a long top-level name, are written as they are; absent, as "".
 */
final class ThanosSeries {
    /** P-POSINTSTR, digits only: a positive base-10 integer. */
    private static final Pattern POSITIVE_DIGITS = Pattern.compile("0*[1-9][0-9]*");

    /** A valid {@code id_version_ebs_account_internal:cluster_subscribed} series. */
    record Subscribed(String clusterId, String ebsAccount) {
    }

    /** A valid {@code subscription_labels} series. */
    record Labels(String clusterId, String emailDomain, boolean managed, String support) {
    }

    /** Why a series was skipped. */
    static final class MalformedSeriesException extends Exception {
        MalformedSeriesException(String message) {
            super(message);
        }
    }

    private ThanosSeries() {
    }

    static boolean isUuid(String s) {
        return model.ClusterId.isValid(s);
    }

    static Subscribed subscribed(Map<String, String> labels) throws MalformedSeriesException {
        String id = clusterId(labels);
        String account = labels.get("ebs_account");
        if (account == null || !POSITIVE_DIGITS.matcher(account).matches()) {
            throw new MalformedSeriesException("ebs_account is not a positive number: " + quote(account));
        }
        return new Subscribed(id, account);
    }

    static Labels labels(Map<String, String> labels) throws MalformedSeriesException {
        String id = clusterId(labels);
        String domain = labels.getOrDefault("email_domain", "");
        String managed = labels.get("managed");
        if (!"true".equals(managed) && !"false".equals(managed)) {
            throw new MalformedSeriesException("managed is neither \"true\" nor \"false\": " + quote(managed));
        }
        String support = labels.getOrDefault("support", "");
        return new Labels(id, domain, Boolean.parseBoolean(managed), support);
    }

    private static String clusterId(Map<String, String> labels) throws MalformedSeriesException {
        String id = labels.get("_id");
        if (!isUuid(id)) {
            throw new MalformedSeriesException("_id is not a UUID: " + quote(id));
        }
        return id;
    }

    private static String quote(String s) {
        return s == null ? "(missing)" : "\"" + s + "\"";
    }
}
