package io.camelorchestration.component;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.GeneratedPropertyConfigurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.TimeUtils;

/**
 * Puts a strict check in front of the generated configurer for numbers and flags. Camel's own conversion reads a
 * string such as {@code abc} as a duration of 0 for any integer option (so {@code budgetTokens=abc} would start with 0),
 * and hands an {@code Integer} to a {@code long} option uncast (a ClassCastException that names nothing). Here a
 * string must be a number of the option's type (or, for a timeout, interval or delay, a duration such as {@code 50ms}),
 * any {@link Number} is converted to the option's exact type when it fits, and a flag must be true or false; otherwise
 * start-up fails with the option's name as the user wrote it and the values it takes.
 *
 * <p>An option of a closed set of values is a Java enum, written as its lower-case id ({@code intent=summarize},
 * {@code ledger=jdbc}): any case is taken, and a dash for an underscore, as Camel's own enum conversion does. Its allowed
 * values are the option's documented {@code enums} (the catalog's, docs/configuration.md's); one of them that is no
 * constant of the enum, {@code auto} for {@code intent} and {@code compression}, means "not set" and is bound as null.
 * Any other value fails with the option's name and those values, where Camel's converter would name only the class.
 */
final class CheckedConfigurer implements GeneratedPropertyConfigurer, PropertyConfigurerGetter {

    private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+\\s*[a-z]+\\s*)+");
    /** Options that take Camel's duration syntax besides a number of milliseconds. */
    private static final Pattern DURATION_OPTION = Pattern.compile("(?i).*(timeout|interval|delay|period|ttl|backoff|duration)");

    private final PropertyConfigurer delegate;
    private final PropertyConfigurerGetter getter;
    /** Option name (any case) to its name as documented. */
    private final Map<String, String> canonical;
    /** Option name (any case) to the values it takes, for the options of an enum type. */
    private final Map<String, List<String>> enums;
    /** How an error names an option of the target, e.g. camel.component.orchestrate.budget-tokens. */
    private final NameOf nameOf;

    interface NameOf {
        String name(Object target, String option);
    }

    private CheckedConfigurer(PropertyConfigurer delegate, Map<String, String> canonical, Map<String, List<String>> enums,
                              NameOf nameOf) {
        this.delegate = delegate;
        this.getter = delegate instanceof PropertyConfigurerGetter g ? g : null;
        this.canonical = canonical;
        this.enums = enums;
        this.nameOf = nameOf;
    }

    /** For the component's options, named {@code camel.component.orchestrate.<option>}. */
    static PropertyConfigurer forComponent(PropertyConfigurer generated) {
        Map<String, String> names = optionNames(OrchestrateComponent.class, OrchestrateConfiguration.class);
        return generated == null ? null : new CheckedConfigurer(generated, names,
                enumValues(OrchestrateComponent.class, OrchestrateConfiguration.class),
                (target, option) -> "option '" + OrchestrateComponent.PROPERTY_PREFIX + StringHelper.camelCaseToDash(option) + "'");
    }

    /** For an endpoint's options, named as in its URI. */
    static PropertyConfigurer forEndpoint(PropertyConfigurer generated) {
        Map<String, String> names = optionNames(OrchestrateEndpoint.class, OrchestrateConfiguration.class);
        return generated == null ? null : new CheckedConfigurer(generated, names,
                enumValues(OrchestrateEndpoint.class, OrchestrateConfiguration.class),
                (target, option) -> "option '" + option + "' of endpoint orchestrate:"
                                    + (target instanceof OrchestrateEndpoint e ? e.getStepId() : ""));
    }

    private static Map<String, String> optionNames(Class<?>... types) {
        Map<String, String> names = new HashMap<>();
        for (Class<?> type : types) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(Metadata.class) || f.isAnnotationPresent(UriParam.class)
                        || f.isAnnotationPresent(UriPath.class)) {
                        names.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), f.getName());
                    }
                }
            }
        }
        return Map.copyOf(names);
    }

    /** The values each option of an enum type takes: its documented enums, else the constants' ids. */
    static Map<String, List<String>> enumValues(Class<?>... types) {
        Map<String, List<String>> values = new HashMap<>();
        for (Class<?> type : types) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!f.getType().isEnum()) {
                        continue;
                    }
                    UriParam uri = f.getAnnotation(UriParam.class);
                    Metadata meta = f.getAnnotation(Metadata.class);
                    String documented = uri != null && !uri.enums().isEmpty() ? uri.enums()
                            : meta != null && !meta.enums().isEmpty() ? meta.enums() : null;
                    if (uri == null && meta == null) {
                        continue;
                    }
                    List<String> allowed = documented != null
                            ? Arrays.stream(documented.split(",")).map(String::trim).toList()
                            : Arrays.stream(f.getType().getEnumConstants()).map(Object::toString).toList();
                    values.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), allowed);
                }
            }
        }
        return Map.copyOf(values);
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        Class<?> type = getter == null ? null : getter.getOptionType(name, ignoreCase);
        Object checked = type == null || value == null ? value : check(target, name, type, value);
        return delegate.configure(camelContext, target, name, checked, ignoreCase);
    }

    private Object check(Object target, String name, Class<?> type, Object value) {
        String option = canonical.getOrDefault(name.toLowerCase(Locale.ROOT), name);
        if (type.isEnum()) {
            return checkEnum(target, option, type, value);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
            String s = value.toString().trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.valueOf(s);
            }
            throw invalid(target, option, value, "true, false");
        }
        boolean whole = type == int.class || type == Integer.class || type == long.class || type == Long.class;
        boolean decimal = type == double.class || type == Double.class || type == float.class || type == Float.class;
        if (!whole && !decimal) {
            return value;
        }
        boolean tokens = option.toLowerCase(Locale.ROOT).contains("tokens");
        boolean duration = whole && DURATION_OPTION.matcher(option).matches();
        String allowed = whole ? (tokens ? "a whole number of tokens" : "a whole number") : "a number";
        BigDecimal number;
        if (value instanceof Number n) {
            number = toBigDecimal(n);
            if (number == null) {
                throw invalid(target, option, value, allowed);
            }
        } else if (value instanceof CharSequence || value instanceof Character) {
            String s = value.toString().trim();
            try {
                number = new BigDecimal(s);
            } catch (NumberFormatException e) {
                if (duration && DURATION.matcher(s).matches() && durationMillis(s) >= 0) {
                    return value; // Camel's own duration syntax, e.g. 500ms or 2s
                }
                throw invalid(target, option, value, allowed + (duration ? " of milliseconds or a duration such as 500ms" : ""));
            }
        } else {
            return value;
        }
        try {
            if (type == int.class || type == Integer.class) {
                return number.intValueExact();
            }
            if (type == long.class || type == Long.class) {
                return number.longValueExact();
            }
        } catch (ArithmeticException e) {
            String range = type == int.class || type == Integer.class ? " up to " + Integer.MAX_VALUE : " up to " + Long.MAX_VALUE;
            throw invalid(target, option, value, allowed + range);
        }
        return type == float.class || type == Float.class ? (Object) number.floatValue() : (Object) number.doubleValue();
    }

    /** An enum constant for the value, or null for a documented value that means "not set" (auto). */
    private Object checkEnum(Object target, String option, Class<?> type, Object value) {
        if (type.isInstance(value)) {
            return value;
        }
        List<String> allowed = enums.get(option.toLowerCase(Locale.ROOT));
        if (allowed == null) {
            allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (value instanceof CharSequence) {
            String s = value.toString().trim();
            String constant = StringHelper.asEnumConstantValue(s);
            for (Object c : type.getEnumConstants()) {
                String n = ((Enum<?>) c).name();
                if (n.equalsIgnoreCase(s) || n.equalsIgnoreCase(constant)) {
                    return c;
                }
            }
            for (String a : allowed) {
                if (a.equalsIgnoreCase(s)) {
                    return null; // documented, and no constant: the option's "not set", e.g. auto
                }
            }
        }
        throw invalid(target, option, value, String.join(", ", allowed));
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof java.math.BigInteger b) {
            return new BigDecimal(b);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
            || n instanceof java.util.concurrent.atomic.AtomicInteger || n instanceof java.util.concurrent.atomic.AtomicLong) {
            return BigDecimal.valueOf(n.longValue());
        }
        try {
            return new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long durationMillis(String s) {
        try {
            return TimeUtils.toMilliSeconds(s);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private IllegalArgumentException invalid(Object target, String option, Object value, String allowed) {
        return new IllegalArgumentException("Invalid value '" + value + "' (" + value.getClass().getSimpleName() + ") for "
                + nameOf.name(target, option) + "; allowed values: " + allowed);
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        return getter == null ? null : getter.getOptionType(name, ignoreCase);
    }

    @Override
    public Object getOptionValue(Object target, String name, boolean ignoreCase) {
        return getter == null ? null : getter.getOptionValue(target, name, ignoreCase);
    }

    @Override
    public String[] getAutowiredNames() {
        return getter == null ? null : getter.getAutowiredNames();
    }

    @Override
    public Object getCollectionValueType(Object target, String name, boolean ignoreCase) {
        return getter == null ? null : getter.getCollectionValueType(target, name, ignoreCase);
    }

}
