package upload;

import errors.BadInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import model.ArchiveMetadata;
import model.ArchiveSynced;
import model.Json;
import model.UploadAnnouncement;
import model.UploadIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.ArchiveCopier;
import storage.CephPath;
import storage.S3Key;

/**
 * The second trigger (contract §4): an upload announcement on {@code platform.upload.buckit}. The
 * archive is downloaded by its presigned {@code url} and stored in Ceph like an S3-triggered one.
 * The announcement carries no S3 key, so we build one in the §3.2 layout from the identity
 * ({@code internal.org_id}, {@code system.cn} = cluster id), the upload {@code timestamp} and the
 * {@code request_id} — the three parts the key is made of at Ingress.
 */
public final class UploadSyncService {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSyncService.class);

    private final ArchiveCopier copier;
    private final Counter bytesCopied;

    public UploadSyncService(ArchiveCopier copier, MeterRegistry meters) {
        this.copier = copier;
        this.bytesCopied = Counter.builder("ccx.upload.sync.bytes").description("archive bytes downloaded by URL into Ceph")
                .baseUnit("bytes").register(meters == null ? new SimpleMeterRegistry() : meters);
    }

    /** Where an announced archive comes from and goes to. */
    public record UploadPlan(String url, S3Key originalKey, CephPath target, long announcedSize, String requestId) {
    }

    public UploadPlan plan(UploadAnnouncement announcement) {
        UploadIdentity identity = identity(announcement.b64Identity());
        String org = identity.identity().internal().orgId();
        UploadIdentity.SystemInfo system = identity.identity().system();
        if (system == null || !model.ClusterId.isValid(system.cn())) {
            throw new BadInputException("identity of upload " + announcement.requestId()
                    + " has no cluster id (identity.system.cn is not a UUID)");
        }
        LocalDateTime uploadedAt;
        try {
            // TS-NANO: only the first 19 characters (to the second) name the key.
            uploadedAt = LocalDateTime.parse(announcement.timestamp().substring(0, 19));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new BadInputException("bad upload timestamp " + announcement.timestamp());
        }
        S3Key key = new S3Key(org.replaceFirst("^\\+", ""), system.cn(), uploadedAt, announcement.requestId().toLowerCase());
        return new UploadPlan(announcement.url(), key, CephPath.of(key), announcement.size(), announcement.requestId());
    }

    /** Streams the downloaded body into Ceph; the HTTP Content-Length wins over the announced size. */
    public ArchiveSynced store(UploadPlan plan, InputStream body, Long contentLength) throws IOException {
        long size = contentLength != null && contentLength >= 0 ? contentLength : plan.announcedSize();
        try (InputStream in = body) {
            ArchiveCopier.Result result = copier.copyStream(in, size, plan.originalKey().toString(), plan.requestId(),
                    plan.target().toString());
            if (result.uploaded()) {
                bytesCopied.increment(size);
            }
            LOG.info("upload cluster={} request={} ceph={} bytes={} {}", plan.originalKey().clusterId(), plan.requestId(),
                    plan.target(), size, result.uploaded() ? "copied" : "already in Ceph");
        }
        S3Key key = plan.originalKey();
        return new ArchiveSynced(plan.target().toString(), key.toString(), new ArchiveMetadata(key.clusterId(), key.organization()));
    }

    private static UploadIdentity identity(String b64) {
        try {
            // MIME decoder: like the reference validator, characters outside the alphabet are dropped.
            byte[] json = Base64.getMimeDecoder().decode(b64);
            return Json.mapper().readValue(new String(json, StandardCharsets.UTF_8), UploadIdentity.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("b64_identity is not a base64 JSON identity: " + e.getMessage(), e);
        }
    }
}
