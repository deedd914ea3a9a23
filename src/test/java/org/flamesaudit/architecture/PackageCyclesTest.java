package org.flamesaudit.architecture;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cycle between the top-level packages of {@code org.flamesaudit} (issue 19): the class-level dependencies of the
 * compiled main classes, as the JDK's {@code jdeps} reads them from the bytecode, folded to top-level packages
 * ({@code org.flamesaudit.scoring.djl.X} counts as {@code scoring}), must form a graph without a strongly connected
 * component of more than one package. A failure names each cycle with the class dependencies behind its edges.
 */
class PackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile(
            "^\\s+org\\.flamesaudit\\.([\\w$.]+)\\s+->\\s+org\\.flamesaudit\\.([\\w$.]+)\\s", Pattern.MULTILINE);

    @Test
    void theTopLevelPackagesFormNoCycle() throws Exception {
        Map<String, Map<String, List<String>>> graph = packageGraph(mainClasses());
        assertThat(graph).as("jdeps found the packages").containsKeys("api", "audit", "run", "generation", "scoring",
                "metrics", "reporting", "support");
        List<String> problems = new ArrayList<>();
        for (Set<String> cycle : cycles(edgesOf(graph))) {
            StringBuilder b = new StringBuilder("cycle between " + cycle + ":");
            for (String from : cycle) {
                graph.get(from).forEach((to, classes) -> {
                    if (cycle.contains(to)) {
                        b.append("\n  ").append(from).append(" -> ").append(to).append(": ")
                                .append(classes.subList(0, Math.min(3, classes.size())));
                    }
                });
            }
            problems.add(b.toString());
        }
        assertThat(problems).as("package cycles").isEmpty();
    }

    @Test
    void aCycleIsFoundWhereverItIs() {
        Map<String, Set<String>> edges = new TreeMap<>();
        edges.put("api", Set.of("audit"));
        edges.put("audit", Set.of("run", "scoring"));
        edges.put("scoring", Set.of("run", "metrics"));
        edges.put("metrics", Set.of("scoring"));
        edges.put("run", Set.of("support"));
        assertThat(cycles(edges)).containsExactly(new TreeSet<>(Set.of("metrics", "scoring")));
        edges.put("metrics", Set.of("run"));
        assertThat(cycles(edges)).isEmpty();
    }

    /** from package -> to package -> the class dependencies ("a.B -> c.D") behind the edge. */
    static Map<String, Map<String, List<String>>> packageGraph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() ->
                new IllegalStateException("this JDK has no jdeps tool (run the build on a full JDK 17+)"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                "-e", "org\\.flamesaudit\\..*", classes.toString());
        assertThat(rc).as("jdeps: %s", out).isZero();
        Map<String, Map<String, List<String>>> graph = new TreeMap<>();
        Matcher m = EDGE.matcher(out.toString());
        while (m.find()) {
            String from = topLevel(m.group(1));
            String to = topLevel(m.group(2));
            graph.computeIfAbsent(from, k -> new TreeMap<>());
            if (!from.equals(to)) {
                graph.get(from).computeIfAbsent(to, k -> new ArrayList<>()).add(m.group(1) + " -> " + m.group(2));
            }
        }
        return graph;
    }

    private static String topLevel(String relativeClass) {
        int dot = relativeClass.indexOf('.');
        return dot < 0 ? "(root)" : relativeClass.substring(0, dot);
    }

    private static Map<String, Set<String>> edgesOf(Map<String, Map<String, List<String>>> graph) {
        Map<String, Set<String>> edges = new TreeMap<>();
        graph.forEach((from, tos) -> edges.put(from, new TreeSet<>(tos.keySet())));
        return edges;
    }

    /** The strongly connected components of more than one node (Tarjan's algorithm). */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, onStack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    /** The compiled main classes (target/classes): where the migrations were copied. */
    private static Path mainClasses() throws URISyntaxException {
        return Path.of(PackageCyclesTest.class.getClassLoader().getResource("db/migration").toURI())
                .getParent().getParent();
    }
}
