package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import pipeline.ContractCheck;
import pipeline.S3Answers;
import pipeline.Stages;
import software.amazon.awssdk.services.s3.model.S3Exception;
import static storage.S3Endpoints.ceph;

/**
 * The rules uploader (2024 shape, contract §14): rules-results → the message, as consumed, as one
 * JSON file in the Ceph bucket ({@link uploader.RulesJsonKey}). The PUT refuses to replace a file;
 * when one is there, a HEAD tells this content (a redelivery: nothing written) from another (a new
 * analysis: replaced). The poll's offsets are committed once every file of it is in Ceph (or its
 * message dead-lettered).
 */
public class RulesUploaderRoutes extends BatchedStageRoutes {

    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.RULES_UPLOADER)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);

        batchesOf(topics.topicsCsv(TopicNames.RULES_RESULTS), Stages.RULES_UPLOADER, Stages.RULES_UPLOADER, Stages.RULES_UPLOADER,
                "upload-each-record", "commit-uploaded-batch");

        from(direct(Stages.RULES_UPLOADER))
            .routeId(Stages.RULES_UPLOADER)
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(new ContractCheck(contracts, Contract.RULES_RESULTS)).id("validate-rules-results-to-upload")
            .bean("rulesUploader", "plan").id("plan-rules-json")
            // A failure in the put redelivers the whole put (from the planned file), then dead-letters here.
            .to(direct("put-rules-json")).id("store-rules-json");

        from(direct("put-rules-json"))
            .routeId("put-rules-json")
            .errorHandler(noErrorHandler()) // failures are the calling route's to redeliver
            .bean("rulesUploader", "request").id("rules-json-request")
            .doTry()
                .toD(ceph().advanced().conditionalWritesEnabled(true)).id("put-rules-json-if-absent")
                .bean("rulesUploader", "written")
            .doCatch(S3Exception.class).onWhen(S3Answers::alreadyPresent)
                .toD(ceph().operation("headObject")).id("head-rules-json")
                .choice()
                    .when(method("rulesUploader", "isSameFile"))
                        .bean("rulesUploader", "alreadyPresent")
                    .otherwise()
                        .bean("rulesUploader", "request")
                        .toD(ceph()).id("replace-rules-json")
                        .bean("rulesUploader", "replaced")
                .end()
            .end();
    }
}
