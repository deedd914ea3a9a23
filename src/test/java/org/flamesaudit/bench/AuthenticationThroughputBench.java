package org.flamesaudit.bench;

import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What HTTP BASIC costs per request (issue 20, item 7): {@code clients} concurrent clients (default 20,
 * {@code -Dflames.bench.clients}) call {@code GET /api/me}, the cheapest authenticated endpoint, for
 * {@code -Dflames.bench.seconds} (default 20) after a warm-up of 5 s, once as a file-realm account (the demo auditor)
 * and once as a database account (created by the demo admin): requests per second and latency percentiles. Then one
 * client alone, 8 requests each: a database account's first request and its cached ones, a wrong password of a
 * database account, and a name without an account (the two last should take as long as each other: otherwise the
 * answer tells whether an account exists). Every request authenticates (the client keeps no session cookie). Prints
 * the tables; asserts only that every request got the expected status.
 */
class AuthenticationThroughputBench {

    private static final String DB_ACCOUNT = "bench.db";
    private static final String DB_PASSWORD = "bench database password";

    private final String base = System.getProperty("flames.base.url", "http://127.0.0.1:8080");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build(); // HTTP/1.1: see ApiClient.HTTP

    @Test
    void requests_per_second_of_a_file_and_a_database_account() throws Exception {
        int clients = Integer.getInteger("flames.bench.clients", 20);
        int seconds = Integer.getInteger("flames.bench.seconds", 20);
        ApiClient admin = ApiClient.fromSystemProperties().as("admin");
        assertThat(admin.put("/api/users/" + DB_ACCOUNT, "{\"password\":\"" + DB_PASSWORD
                + "\",\"roles\":[\"auditor\"]}").status()).isIn(200, 201);

        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-22s %-8s %-9s %-8s %-10s %-8s %-8s %-8s", "account", "clients", "seconds",
                "requests", "per_s", "p50_ms", "p90_ms", "p99_ms"));
        for (String[] account : new String[][]{{"file (auditor)", "auditor", "auditor-demo"},
                {"database (" + DB_ACCOUNT + ")", DB_ACCOUNT, DB_PASSWORD}}) {
            String auth = basic(account[1], account[2]);
            load(auth, clients, 5); // warm-up, not reported
            long[] latencies = load(auth, clients, seconds);
            rows.add(String.format("%-22s %-8d %-9d %-8d %-10.1f %-8.1f %-8.1f %-8.1f", account[0], clients, seconds,
                    latencies.length, latencies.length / (double) seconds, percentile(latencies, 50),
                    percentile(latencies, 90), percentile(latencies, 99)));
        }

        // one client alone: what a single request costs. Each wrong password counts for the login throttle (5 free per
        // account and address), so every sample uses an account name of its own.
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        int samples = 8;
        long[] first = new long[samples];
        long[] cached = new long[samples];
        long[] wrong = new long[samples];
        long[] none = new long[samples];
        for (int i = 0; i < samples; i++) {
            String name = "bench." + run + "." + i;
            assertThat(admin.put("/api/users/" + name, "{\"password\":\"" + DB_PASSWORD
                    + "\",\"roles\":[\"auditor\"]}").status()).isEqualTo(201);
            wrong[i] = timed(basic(name, "not the password of " + name), 401);
            first[i] = timed(basic(name, DB_PASSWORD), 200);
            cached[i] = timed(basic(name, DB_PASSWORD), 200);
            none[i] = timed(basic("nobody." + run + "." + i, "no account has this name"), 401);
            assertThat(admin.delete("/api/users/" + name).status()).isEqualTo(204);
        }
        rows.add("");
        rows.add(String.format("one client, %d requests each (ms)    %-8s %-8s %-8s", samples, "min", "median", "max"));
        for (Object[] r : new Object[][]{{"database account, first request", first},
                {"database account, same password again", cached}, {"database account, wrong password", wrong},
                {"no such account", none}}) {
            long[] l = (long[]) r[1];
            rows.add(String.format("%-38s %-8.1f %-8.1f %-8.1f", r[0], percentile(l, 0), percentile(l, 50),
                    percentile(l, 100)));
        }
        System.out.println("AuthenticationThroughputBench (" + base + "):\n" + String.join("\n", rows));
    }

    /** {@code clients} threads calling GET /api/me for {@code seconds}: each request's latency in microseconds. */
    private long[] load(String authorization, int clients, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60)).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                results.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        mine.add((System.nanoTime() - t0) / 1_000);
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            assertThat(failures.get()).as("requests not answered 200").isZero();
            return all.stream().mapToLong(Long::longValue).toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    private long timed(String authorization, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Authorization", authorization)
                .GET().build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - t0) / 1_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return micros;
    }

    /** The p-th percentile of latencies in microseconds, in milliseconds. */
    private static double percentile(long[] micros, int p) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
