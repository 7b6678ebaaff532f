package routes;

import contract.ContractViolation;
import errors.BadInputException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.direct;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The one error policy of the pipeline, as two route configurations a route opts into:
 * bad input goes straight to the dead-letter topic; any other failure is redelivered with
 * exponential backoff and then dead-lettered. Routes that must not dead-letter infrastructure
 * failures (the SQS listener: SQS redelivers) take only the first.
 */
public class ErrorHandling extends RouteConfigurationBuilder {
    public static final String BAD_INPUT = "bad-input-to-dead-letter";
    public static final String RETRY_THEN_DEAD_LETTER = "retry-then-dead-letter";

    @Override
    public void configuration() {
        routeConfiguration(BAD_INPUT)
                .onException(BadInputException.class, ContractViolation.class)
                    .handled(true)
                    .useOriginalBody()
                    .to(direct("dead-letter"))
                .end()
                // A presigned URL that answers 4xx (expired, deleted) will never work: bad input.
                .onException(HttpOperationFailedException.class)
                    .onWhen(simple("${exception.statusCode} >= 400 && ${exception.statusCode} < 500"))
                    .handled(true)
                    .useOriginalBody()
                    .to(direct("dead-letter"));

        routeConfiguration(RETRY_THEN_DEAD_LETTER)
                .onException(Exception.class)
                    .maximumRedeliveries("{{ccx.retry.max-redeliveries}}")
                    .redeliveryDelay("{{ccx.retry.initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{ccx.retry.max-delay-ms}}")
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                    .handled(true)
                    .useOriginalBody()
                    .to(direct("dead-letter"));
    }
}
