package parquet;

import model.FeatureIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static parquet.FeatureValues.bool;
import static parquet.FeatureValues.integer;
import static parquet.FeatureValues.list;
import static parquet.FeatureValues.text;

/**
 * Feature {@code workload_info_namespaces} → table {@code workload_containers}: one row per
 * container of each shape of each namespace; a shape's {@code containers} first
 * ({@code init_container=false}), then its {@code initContainers} ({@code true}).
 * <p>
 * {@code shape_id}: the doc makes a random UUID per shape. We make a name-based UUID (RFC 4122
 * version 5, SHA-1) of the archive path, the namespace and the shape's index instead: still one
 * id per shape per archive, but reprocessing the same archive (a Kafka redelivery, an offset
 * reset, a restart before the commit) gives identical rows, so a duplicate can be recognised and
 * a rewritten hour equals the first one. A random id would make each replay a different shape.
 * <p>
 * Absent texts are "", an absent instance count 0. A shape without {@code restartAlways} (a
 * boolean has no empty value) or with a negative count rejects its containers' rows, counted.
 */
final class WorkloadContainerRows implements FeatureMapper {

    /** Namespace of the version-5 shape ids (a fixed random UUID: ids are ours alone). */
    static final UUID SHAPE_NAMESPACE = UUID.fromString("38d3ba5a-8db4-4173-b04a-34529629b79f");

    @Override
    public String featureId() {
        return FeatureIds.WORKLOAD_INFO_NAMESPACES;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.WORKLOAD_CONTAINERS;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        String namespace = ValueChecks.text(text(row, "namespace"));
        List<?> shapes = list(row, "shapes");
        for (int index = 0; index < shapes.size(); index++) {
            Map<String, Object> shape = FeatureValues.element("shapes", shapes.get(index));
            String shapeId = shapeId(source.archivePath(), namespace, index);
            long instances;
            boolean restartAlways;
            try {
                instances = ValueChecks.unsignedLong("shape_instances", integer(shape, "shapeInstances"));
                restartAlways = ValueChecks.bool("restart_always", bool(shape, "restartAlways"));
            } catch (RejectedValueException e) {
                out.reject(table(), source.archivePath(), e);
                continue;
            }
            for (boolean init : new boolean[] {false, true}) {
                for (Object element : list(shape, init ? "initContainers" : "containers")) {
                    out.add(table(), source.hour(), source.archivePath(), () -> {
                        Map<String, Object> container = FeatureValues.element("containers", element);
                        return table().row()
                                .set("cluster_id", source.clusterId())
                                .set("shape_id", shapeId)
                                .set("namespace", namespace)
                                .set("shape_instances", instances)
                                .set("restart_always", restartAlways)
                                .set("image_id", ValueChecks.text(text(container, "imageID")))
                                .set("first_command", ValueChecks.text(text(container, "firstCommand")))
                                .set("first_arg", ValueChecks.text(text(container, "firstArg")))
                                .set("init_container", init)
                                .set("archive_path", source.archivePath())
                                .set("collected_at", source.collectedAtMillis())
                                .build();
                    });
                }
            }
        }
    }

    /** Version-5 UUID of {@code <archive path> NUL <namespace> NUL <shape index>}. */
    static String shapeId(String archivePath, String namespace, int index) {
        return nameBasedUuid(SHAPE_NAMESPACE, archivePath + '\0' + namespace + '\0' + index).toString();
    }

    /** A digest per thread: {@code getInstance} costs more than hashing a short name. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    });

    /** RFC 4122 §4.3 with SHA-1 (version 5); the JDK only has the MD5 one (version 3). */
    static UUID nameBasedUuid(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            out[i + 8] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return out;
    }
}
