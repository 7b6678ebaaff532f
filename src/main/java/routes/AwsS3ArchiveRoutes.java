package routes;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import pipeline.S3Answers;
import pipeline.Stages;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.ArchiveMissingException;
import static storage.S3Endpoints.awsS3;

/**
 * The archive, streamed from the AWS S3 bucket (header {@code CamelAwsS3Key}): one sub-route for
 * every stage that reads it (archive-sync, archive-sync-ols, the multiplexor). A missing object is
 * {@link ArchiveMissingException} (uploads are kept two days; the message is dead-lettered with that
 * reason), any other failure the caller's to redeliver.
 */
public class AwsS3ArchiveRoutes extends EndpointRouteBuilder {
    public static final String ROUTE = "get-archive-from-aws-s3";

    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.ARCHIVE_SYNC) && !Stages.enabled(getContext(), Stages.ARCHIVE_SYNC_OLS)
                && !Stages.enabled(getContext(), Stages.MULTIPLEXOR)) {
            return;
        }
        from(direct(ROUTE))
            .routeId(ROUTE)
            .errorHandler(noErrorHandler()) // failures are the calling route's to redeliver
            .doTry()
                // made with the first message (toD): an endpoint's start checks its bucket
                .toD(awsS3().operation("getObject")).id("get-from-aws-s3")
            .doCatch(S3Exception.class).onWhen(S3Answers::notFound)
                .throwException(ArchiveMissingException.class,
                        "archive ${header.CamelAwsS3Key} is not in s3://{{ccx.aws-s3.bucket}} (uploads are kept two days)")
            .end();
    }
}
