package dev.casebook.web.routes;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's REST routes, read from its resource classes' annotations: each path template with the
 * methods it takes. It answers what the framework does not say once a request has matched no method:
 * which template a path belongs to (the metrics' {@code uri} label, one series per route rather than per
 * path) and which methods it allows (a 405's {@code Allow}). A path matches a template with or without
 * a trailing slash, as the resources do; literal segments win over parameters.
 */
public final class Routes {

    /** One path template and the methods it takes (HEAD wherever GET is, as JAX-RS answers it). */
    public record Route(String template, Set<String> methods) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private final List<Route> routes;
    private final List<Pattern> patterns;

    private Routes(List<Route> routes) {
        this.routes = routes;
        this.patterns = routes.stream().map(r -> regex(r.template())).toList();
    }

    /** The routes of these resource classes (those without {@code @Path} are ignored). */
    public static Routes of(Collection<Class<?>> resources) {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (Class<?> resource : resources) {
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : resource.getMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = normalize(root.value() + (sub == null ? "" : "/" + sub.value()));
                Set<String> allowed = methods.computeIfAbsent(template, k -> new TreeSet<>());
                allowed.add(verb);
                if (verb.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        List<Route> list = new ArrayList<>();
        methods.forEach((template, verbs) -> list.add(new Route(template, Set.copyOf(verbs))));
        // Fewer parameters first, so that /v1/jobs/search would win over /v1/jobs/{id}.
        list.sort(Comparator.comparingInt((Route r) -> parameters(r.template())).thenComparing(Route::template));
        return new Routes(List.copyOf(list));
    }

    /** The route a request path belongs to, whatever its method. */
    public Optional<Route> match(String path) {
        String normalized = normalize(path);
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matcher(normalized).matches()) {
                return Optional.of(routes.get(i));
            }
        }
        return Optional.empty();
    }

    public List<Route> all() {
        return routes;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** One leading slash, no doubled or trailing ones, no parameter regex (the template as it is labelled). */
    static String normalize(String path) {
        Matcher m = PARAMETER.matcher(path);
        StringBuilder named = new StringBuilder();
        while (m.find()) {
            String whole = m.group();
            String name = whole.substring(1, whole.contains(":") ? whole.indexOf(':') : whole.length() - 1).strip();
            m.appendReplacement(named, Matcher.quoteReplacement("{" + name + "}"));
        }
        m.appendTail(named);
        String collapsed = ("/" + named).replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }

    private static int parameters(String template) {
        return (int) template.chars().filter(c -> c == '{').count();
    }

    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
