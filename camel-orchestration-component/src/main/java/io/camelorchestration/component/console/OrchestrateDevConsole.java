package io.camelorchestration.component.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code orchestrate} dev console: the flags, the component's totals and one row per orchestrated step, as text
 * or JSON. It only reads what the component and its endpoints already count; asking never starts anything.
 */
@DevConsole(name = "orchestrate", displayName = "Orchestrate", description = "LLM step orchestration: flags, totals and steps")
public class OrchestrateDevConsole extends AbstractDevConsole {

    public OrchestrateDevConsole() {
        super("camel", "orchestrate", "Orchestrate", "LLM step orchestration: flags, totals and steps");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        OrchestrateComponent c = component();
        StringBuilder sb = new StringBuilder();
        if (c == null) {
            return "orchestrate: component not in use\n";
        }
        sb.append(String.format(Locale.ROOT, "Enabled: %s  Compression: %s  Routing: %s%n", c.isEnabled(),
                c.isCompressionEnabled(), c.isRoutingEnabled()));
        sb.append(String.format(Locale.ROOT, "Default model: %s  Ledger: %s  Workflow budget: %s%n",
                orDash(c.getDefaultModel()), orDash(c.getLedger() == null ? null : c.getLedger().toString()),
                c.getWorkflowBudgetTokens() == 0 ? "none" : c.getWorkflowBudgetTokens() + " tokens"));
        sb.append(String.format(Locale.ROOT,
                "Tokens used: %d  saved: %d (%.2f%%)  Cost: $%.6f  saved: $%.6f%n", c.getTotalTokensUsed(),
                c.getTotalTokensSaved(), c.getSavingsPercent(), c.getTotalCost(), c.getTotalCostSaved()));
        sb.append(String.format(Locale.ROOT, "Steps orchestrated: %d  fallen back: %d  Audit delivered: %d  failed: %d%n",
                c.getStepsOrchestrated(), c.getStepsFallenBack(), c.getAuditDelivered(), c.getAuditFailures()));
        List<OrchestrateEndpoint> steps = endpoints();
        if (!steps.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%-24s %-12s %12s %10s %12s %8s %8s %8s %8s%n", "STEP", "INTENT",
                    "TOKENS", "SAVED", "COST($)", "ORCH", "FALLBK", "OVERBUD", "FAILED"));
            for (OrchestrateEndpoint e : steps) {
                sb.append(String.format(Locale.ROOT, "%-24s %-12s %12d %10d %12.6f %8d %8d %8d %8d%n", e.getStepId(),
                        orDash(e.getIntent()), e.getTotalTokensUsed(), e.getTotalTokensSaved(), e.getTotalCost(),
                        e.getStepsOrchestrated(), e.getStepsFallenBack(), e.getStepsBudgetExceeded(), e.getStepsFailed()));
            }
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        OrchestrateComponent c = component();
        root.put("inUse", c != null);
        if (c == null) {
            return root;
        }
        JsonObject flags = new JsonObject();
        flags.put("enabled", c.isEnabled());
        flags.put("compressionEnabled", c.isCompressionEnabled());
        flags.put("routingEnabled", c.isRoutingEnabled());
        root.put("flags", flags);
        JsonObject config = new JsonObject();
        config.put("defaultModel", c.getDefaultModel());
        config.put("ledger", c.getLedger() == null ? null : c.getLedger().toString());
        config.put("workflowBudgetTokens", c.getWorkflowBudgetTokens());
        root.put("config", config);
        JsonObject totals = new JsonObject();
        totals.put("totalTokensUsed", c.getTotalTokensUsed());
        totals.put("totalTokensSaved", c.getTotalTokensSaved());
        totals.put("savingsPercent", c.getSavingsPercent());
        totals.put("totalCost", c.getTotalCost());
        totals.put("totalCostSaved", c.getTotalCostSaved());
        totals.put("stepsOrchestrated", c.getStepsOrchestrated());
        totals.put("stepsFallenBack", c.getStepsFallenBack());
        totals.put("auditDelivered", c.getAuditDelivered());
        totals.put("auditFailures", c.getAuditFailures());
        root.put("totals", totals);
        List<JsonObject> rows = new ArrayList<>();
        for (OrchestrateEndpoint e : endpoints()) {
            JsonObject row = new JsonObject();
            row.put("step", e.getStepId());
            row.put("intent", e.getIntent());
            row.put("delegate", e.getDelegateUri());
            row.put("tokensUsed", e.getTotalTokensUsed());
            row.put("tokensSaved", e.getTotalTokensSaved());
            row.put("savingsPercent", e.getSavingsPercent());
            row.put("cost", e.getTotalCost());
            row.put("orchestrated", e.getStepsOrchestrated());
            row.put("fallenBack", e.getStepsFallenBack());
            row.put("budgetExceeded", e.getStepsBudgetExceeded());
            row.put("failed", e.getStepsFailed());
            rows.add(row);
        }
        root.put("steps", rows);
        return root;
    }

    private OrchestrateComponent component() {
        // false: looking must not create the component
        return getCamelContext().getComponent("orchestrate", false) instanceof OrchestrateComponent c ? c : null;
    }

    private List<OrchestrateEndpoint> endpoints() {
        List<OrchestrateEndpoint> list = new ArrayList<>();
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (e instanceof OrchestrateEndpoint oe) {
                list.add(oe);
            }
        }
        list.sort((a, b) -> a.getStepId().compareTo(b.getStepId()));
        return list;
    }

    private static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
