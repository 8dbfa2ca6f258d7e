package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.budget.BudgetKeys;
import io.camelorchestration.budget.InterceptedLedger;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a prompt says never leaves the exchange through audit events, logs or meters, and a budget key taken from
 * a header cannot smuggle anything into the ledger.
 */
class OrchestrateSecurityTest extends OrchestrateTestSupport {

    static final String MARKER = "ZEBRA7SECRETPROMPTMARKER";

    private final List<String> auditJson = new CopyOnWriteArrayList<>();
    private final List<String> ledgerKeys = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    {
        llm.routeId("llm").answers("{\"answer\": \"" + MARKER + " handled\"}");
        // a model that repeats its prompt: fails the summary check and is re-run on the original model
        fakeLlm("direct:echo").routeId("echo").answers(call -> call.text() + " " + call.text() + " " + MARKER);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setWorkflowBudgetTokens(100_000);
        orchestrate.setBudgets("acme-*=200 tokens/day hard; *=1000000 tokens/day soft");
        orchestrate.setMeterRegistry(registry);
        orchestrate.setAuditSink((AuditEvent e) -> auditJson.add(e.toJson()));
        orchestrate.setBudgetLedger(new InterceptedLedger((operation, scope) -> {
            if (operation.equals("reserve")) {
                ledgerKeys.add(scope.key());
            }
        }));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reply").routeId("reply")
                        .to("orchestrate:reply?delegate=direct:llm&intent=generate&budgetKey=RAW(${header.tenant})");
                from("direct:fields").routeId("fields")
                        .to("orchestrate:fields?delegate=direct:llm&intent=extract&budgetKey=RAW(${header.tenant})");
                from("direct:digest").routeId("digest")
                        .to("orchestrate:digest?delegate=direct:echo&intent=summarize&budgetKey=RAW(${header.tenant})");
            }
        };
    }

    private Exchange send(String route, String tenant, String body) {
        return template.send(route, e -> {
            e.getMessage().setHeader("tenant", tenant);
            e.getMessage().setHeader(OrchestrateConstants.INSTRUCTION, "Answer about " + MARKER);
            e.getMessage().setHeader(OrchestrateConstants.USER_ID, "user-42");
            e.getMessage().setBody(body);
        });
    }

    @Test
    void noPromptOrResponseTextInAuditEventsLogsOrMeters() throws Exception {
        // the lines that could carry text are debug lines, so a run at warn proves nothing: the build runs this test
        // in an execution of its own with them printed (security-at-debug), and there it must find them on
        boolean debug = org.slf4j.LoggerFactory.getLogger(StepRun.class).isDebugEnabled();
        if (Boolean.getBoolean("orchestrate.security.debug")) {
            assertThat(debug).as("the security-at-debug execution prints debug lines").isTrue();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(debug,
                "runs with debug lines printed: mvn verify runs it so (execution security-at-debug)");
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            String prompt = "Dear support, my account " + MARKER + " was charged twice.   Please   help.\n\n\n\nThanks.";
            send("direct:reply", "acme-eu", prompt);
            send("direct:fields", "acme-eu", "{\"account\": " + MARKER + ", \"amount\": 12.5,,}");
            send("direct:digest", "globex", prompt + " " + prompt);
            // over the hard budget of acme-*: a budget event, still without text
            for (int i = 0; i < 5; i++) {
                send("direct:reply", "acme-eu", prompt + " ".repeat(i) + "More text to spend the budget. ".repeat(20));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (auditJson.stream().noneMatch(j -> j.contains("ORCHESTRATION_BUDGET_EXCEEDED")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }

        assertThat(auditJson).as("events were written").isNotEmpty();
        assertThat(auditJson).anyMatch(j -> j.contains("ORCHESTRATION_STEP_EXECUTED"));
        assertThat(auditJson).anyMatch(j -> j.contains("ORCHESTRATION_STEP_FAILED"));
        assertThat(auditJson).anyMatch(j -> j.contains("ORCHESTRATION_BUDGET_EXCEEDED"));
        assertThat(auditJson).allSatisfy(json -> assertThat(json).doesNotContain(MARKER));
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(MARKER);
        for (Meter m : registry.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertThat(t.getValue()).doesNotContain(MARKER).doesNotContain("user-42").doesNotContain("acme-eu");
            }
        }
    }

    @Test
    void aBudgetKeyFromAHeaderIsCutAndCleanedBeforeItReachesTheLedger() {
        String hostile = "acme-eu\n'; DROP TABLE orchestration_budget; --\u202e" + "x".repeat(500);

        Exchange out = send("direct:reply", hostile, "Please reply to the customer.");

        assertThat(out.getException()).isNull();
        assertThat(ledgerKeys).isNotEmpty().allSatisfy(key -> assertThat(key)
                .hasSizeLessThanOrEqualTo(BudgetKeys.MAX_LENGTH)
                .matches("[A-Za-z0-9._:@-]+")
                .startsWith("acme-eu_"));
        assertThat(auditJson).noneMatch(j -> j.contains("DROP TABLE"));
    }

    @Test
    void aBlankBudgetKeyDrawsOnNoBudget() {
        Exchange out = send("direct:reply", "   ", "Please reply to the customer.");

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        assertThat(ledgerKeys).isEmpty();
    }
}
