package io.camelorchestration.starter.spring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.camelorchestration.component.OrchestrateComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Binds {@code camel.component.orchestrate.*} from Spring's {@link Binder}, so every form Spring Boot accepts works
 * (kebab-case, camelCase, {@code CAMEL_COMPONENT_ORCHESTRATE_ROUTINGENABLED}, YAML), and hands each value to the
 * component's own configurer, so a value is checked exactly as under camel-main. A wrong value or an unknown option
 * fails the start with Spring Boot's "Invalid value for configuration property" report naming the property and where it
 * was set.
 */
final class ComponentOptionsBinder {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(ComponentOptions.PREFIX);
    /** camel-spring-boot's own per-component option ({@code camel.component.<name>.customizer.enabled}). */
    private static final String CUSTOMIZER = "customizer";

    private final ComponentOptions options;

    ComponentOptionsBinder(ComponentOptions options) {
        this.options = options;
    }

    /** Binds what is set; the component must have its CamelContext and be built (its configurer resolved). */
    void bind(OrchestrateComponent component, CamelContext camelContext, Environment environment) {
        rejectUnknown(environment);
        Binder binder = Binder.get(environment);
        for (ComponentOptions.Option option : options.options()) {
            for (String property : propertiesOf(option)) {
                binder.bind(property, Bindable.of(String.class))
                        .ifBound(value -> apply(component, camelContext, property, option.name(), value));
            }
        }
    }

    /** The option's property and, for an endpoint default, its {@code configuration.} form too. */
    private static List<String> propertiesOf(ComponentOptions.Option option) {
        List<String> names = new ArrayList<>(2);
        names.add(ComponentOptions.PREFIX + "." + option.dashed());
        if (option.endpointDefault()) {
            names.add(ComponentOptions.PREFIX + ".configuration." + option.dashed());
        }
        return names;
    }

    private static void apply(OrchestrateComponent component, CamelContext camelContext, String property, String option,
                              String value) {
        try {
            PropertyBindingSupport.build().withCamelContext(camelContext).withTarget(component)
                    .withConfigurer(component.getComponentPropertyConfigurer())
                    .withProperties(Map.of(option, value)).withIgnoreCase(true).withMandatory(true)
                    .withRemoveParameters(false).bind();
        } catch (RuntimeException e) {
            throw new InvalidConfigurationPropertyValueException(property, value, reason(e));
        }
    }

    /** The innermost message: the component's own, which names the option and its allowed values. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /**
     * A misspelt option would otherwise be ignored without a word (camel-main refuses it too). Names are compared in
     * Spring's uniform form with the separators dropped, so {@code compression-enabled}, {@code compressionEnabled} and
     * {@code CAMEL_COMPONENT_ORCHESTRATE_COMPRESSION_ENABLED} are one option.
     */
    private void rejectUnknown(Environment environment) {
        Set<String> known = new HashSet<>();
        Set<String> documented = new TreeSet<>();
        for (ComponentOptions.Option option : options.options()) {
            known.add(uniform(option.dashed()));
            if (option.endpointDefault()) {
                known.add("configuration" + uniform(option.dashed()));
            }
            documented.add(option.dashed());
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(PREFIX::isAncestorOf).stream().forEach(name -> {
                ConfigurationPropertyName rest = name.subName(PREFIX.getNumberOfElements());
                if (rest.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals(CUSTOMIZER)) {
                    return;
                }
                StringBuilder joined = new StringBuilder();
                for (int i = 0; i < rest.getNumberOfElements(); i++) {
                    joined.append(rest.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
                }
                if (!known.contains(joined.toString())) {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    throw new InvalidConfigurationPropertyValueException(name.toString(),
                            property == null ? null : property.getValue(),
                            "the orchestrate component has no option '" + rest + "'; its options: "
                            + String.join(", ", documented) + " (see docs/configuration.md)");
                }
            });
        }
    }

    private static String uniform(String dashed) {
        return dashed.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }
}
