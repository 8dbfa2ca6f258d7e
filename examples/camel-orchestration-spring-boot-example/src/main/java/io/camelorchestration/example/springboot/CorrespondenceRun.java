package io.camelorchestration.example.springboot;

import io.camelorchestration.example.ExampleMain;
import io.camelorchestration.example.StepLedger;
import io.camelorchestration.example.server.ChatServer;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Once the application has started: the documents through the workflow with orchestration off and then on, and the
 * comparison table (the camel-main example's, {@link ExampleMain#compare}). Exit code 1 when a document failed.
 * {@code example.run=false} leaves the application alone (the tests send their own messages).
 */
@Component
@ConditionalOnProperty(name = "example.run", havingValue = "true", matchIfMissing = true)
class CorrespondenceRun implements ApplicationRunner, ExitCodeGenerator {

    private final CamelContext camelContext;
    private final StepLedger stepLedger;
    private final ChatServer chatServer;
    private final SpringBootExample.LlmEndpoint llm;
    private final boolean serve;
    private volatile int failed;

    CorrespondenceRun(CamelContext camelContext, StepLedger stepLedger, ChatServer chatServer, SpringBootExample.LlmEndpoint llm,
                      @Value("${example.serve:false}") boolean serve, @Value("${server.port:8080}") int port) {
        this.camelContext = camelContext;
        this.stepLedger = stepLedger;
        this.chatServer = chatServer;
        this.llm = llm;
        this.serve = serve;
        this.port = port;
    }

    private final int port;

    @Override
    public void run(ApplicationArguments args) throws Exception {
        ExampleMain.Comparison comparison = ExampleMain.compare(camelContext, stepLedger, chatServer, llm.description(), System.out);
        failed = comparison.failedDocuments();
        if (serve) {
            System.out.printf("%nServing until Ctrl-C:%n  http://localhost:%d/actuator/prometheus%n  http://localhost:%d/actuator/health%n"
                              + "  JMX: org.apache.camel:context=%s,type=components,name=\"orchestrate\" (jconsole)%n",
                    port, port, camelContext.getName());
        }
    }

    @Override
    public int getExitCode() {
        return failed > 0 ? 1 : 0;
    }
}
