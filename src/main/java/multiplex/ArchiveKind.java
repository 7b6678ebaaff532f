package multiplex;

/**
 * Which kind of archive an upload is, in the 2024 topology (contract §14): the multiplexor sends
 * each kind to its own topic ({@code io-archive-new}, {@code ols-archive-new}).
 */
public enum ArchiveKind {
    /** An Insights Operator archive of an OpenShift cluster (HyperShift ones included): has {@code config/id}. */
    OPENSHIFT,
    /** An OpenShift Lightspeed archive: has {@code openshift_lightspeed.json} at its root. */
    OLS
}
