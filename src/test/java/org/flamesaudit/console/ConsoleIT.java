package org.flamesaudit.console;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console end to end in a real browser: Debian's chromium, headless, driven through Debian's chromedriver
 * (Selenium never downloads a browser or a driver here). One audit's life: each role logs in, the auditor imports a
 * prompt file through the page and sees its rejected lines, starts an audit against the test stub and watches it
 * complete, opens the answers (hostile markup in a prompt and an answer stays inert text), a reviewer overrides a
 * score and sees the metrics change, the reports download, two runs compare, and a regulator finds no control that
 * changes anything. Screenshots of the dataset, the run page and the review queue, in Chinese, go to
 * target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final String CHROMEDRIVER = System.getProperty("flames.chromedriver", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("flames.chromium", "/usr/lib/chromium/chromium");
    static final String ZONE = "Asia/Shanghai";
    static final String MARKER = "XSS-PROBE";
    /** Each payload would set window.__xss if the page ever let it run. */
    static final String HOSTILE_PROMPT = MARKER + " <script>window.__xss='prompt-script'</script>"
            + "<img src=x onerror=\"window.__xss='prompt-img'\"> 请看 <a href=\"javascript:window.__xss='prompt-link'\">链接</a>";
    static final String HOSTILE_ANSWER = "我拒绝。<script>window.__xss='answer-script'</script>"
            + "<img src=x onerror=\"window.__xss='answer-img'\"><a href=\"javascript:window.__xss='answer-link'\">点我</a>";

    static final ApiClient API = ApiClient.fromSystemProperties();
    static final String BASE = System.getProperty("flames.base.url", "http://127.0.0.1:8080");
    static final Path OUT = Path.of("target", "console-screenshots").toAbsolutePath();
    static final Path DOWNLOADS = Path.of("target", "console-downloads", UUID.randomUUID().toString()).toAbsolutePath();

    static OpenAiStub stub;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static long datasetId;
    static long runId;
    static int goodLines;
    static List<Integer> badLines = new ArrayList<>();

    @BeforeAll
    static void startBrowser() throws Exception {
        assertThat(new File(CHROMEDRIVER).canExecute()).as(CHROMEDRIVER + ": Debian's chromium-driver package "
                + "(.ci/run installs it)").isTrue();
        assertThat(new File(CHROMIUM).canExecute()).as(CHROMIUM + ": Debian's chromium package (.ci/run installs it)")
                .isTrue();
        Files.createDirectories(OUT);
        Files.createDirectories(DOWNLOADS);
        stub = new OpenAiStub().answerPromptsContaining(MARKER, HOSTILE_ANSWER);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1440,1100", "--lang=zh-CN")
                .setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                        "download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().withEnvironment(Map.of("TZ", ZONE)).build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
        wait = waiting(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    @Order(0)
    void scriptsGetAChallengeTheBrowserLeavesToThePageAndPagesCarryTheirPolicy() throws Exception {
        java.net.http.HttpClient http = ApiClient.HTTP;
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:nope".getBytes(
                StandardCharsets.UTF_8));
        var script = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/me"))
                .header("Authorization", wrong).header("X-Requested-With", "XMLHttpRequest").build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().allValues("WWW-Authenticate")).containsExactly("FlamesBasic realm=\"Flames Audit\"");
        var other = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/me"))
                .header("Authorization", wrong).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"Flames Audit\"");
        // the console's pages carry the policy that refuses inline and foreign scripts
        var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .contains("object-src 'none'");
        assertThat(page.body()).contains("webjars/echarts/").doesNotContain("${");
    }

    @Test
    @Order(1)
    void eachRoleLogsInAndSeesOnlyItsPages() {
        open("");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        // a wrong password is refused on the page
        type("username", "auditor");
        type("password", "wrong-password");
        click(By.id("login-submit"));
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "用户名或密码错误"));

        Map<String, List<String>> menus = Map.of(
                "auditor", List.of("runs", "blind", "compare", "assessment", "verify", "bundles", "datasets", "schedules", "scorers",
                        "audit-log"),
                "reviewer", List.of("runs", "review", "blind", "compare", "assessment", "verify", "bundles", "datasets",
                        "schedules", "scorers", "audit-log"),
                "approver", List.of("runs", "blind", "compare", "assessment", "verify", "bundles", "datasets", "schedules",
                        "scorers", "audit-log"),
                "regulator", List.of("runs", "blind", "compare", "assessment", "verify", "bundles", "datasets", "schedules",
                        "scorers", "audit-log"),
                "admin", List.of("users", "secrets"));
        for (var e : menus.entrySet()) {
            login(e.getKey());
            List<String> nav = driver.findElements(By.cssSelector("header nav a")).stream()
                    .map(a -> a.getAttribute("data-nav")).toList();
            assertThat(nav).as(e.getKey()).containsExactlyElementsOf(e.getValue());
            assertThat(text(By.id("whoami"))).startsWith(e.getKey() + " · ");
        }
        // the admin reads accounts, not audit data
        login("admin");
        open("users");
        wait.until(d -> d.findElement(By.id("users-table")).getText().contains("auditor"));
        open("runs");
        wait.until(d -> d.findElement(By.id("main")).getText().contains("404 / 403"));
        // logging out forgets the credentials: a reload shows the login form again
        click(By.id("logout"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    @Order(2)
    void chineseFirstEnglishBesideRememberedAndDatesInTheUsersZone() {
        login("auditor");
        assertThat(text(By.cssSelector("header nav a[data-nav=runs]"))).isEqualTo("审计");
        assertThat(text(By.cssSelector("header .who"))).contains("时区：" + ZONE);
        click(By.id("lang"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header nav a[data-nav=runs]"), "Audits"));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header nav a[data-nav=runs]"), "Audits"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        click(By.id("lang"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header nav a[data-nav=runs]"), "审计"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    }

    @Test
    @Order(3)
    void auditorImportsAPromptFileAndSeesExactlyItsRejectedLines() throws Exception {
        Path file = promptFile();
        login("auditor");
        open("datasets");
        Path big = file.resolveSibling("too-big.jsonl");
        Files.write(big, new byte[11 * 1024 * 1024]);
        driver.findElement(By.id("upload-file")).sendKeys(big.toString());
        click(By.id("upload-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-error"), "网页上传上限为 10 MB"));
        driver.findElement(By.id("upload-file")).clear();
        driver.findElement(By.id("upload-name")).clear();
        driver.findElement(By.id("upload-file")).sendKeys(file.toString());
        type("upload-name", "console-e2e");
        // repeated prompts are kept unless the auditor chooses to drop them (issue 20, item 10)
        assertThat(driver.findElements(By.cssSelector("#upload-repeated option")).stream().map(WebElement::getText)
                .toList()).containsExactly("保留（逐条评测）", "剔除（只评测首次出现）");
        assertThat(driver.findElement(By.id("upload-repeated")).getAttribute("value")).isEqualTo("keep");
        Files.createDirectories(OUT);
        Files.write(OUT.resolve("upload-form-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        click(By.id("upload-submit"));
        waiting(Duration.ofMinutes(2)).until(d -> "READY".equals(
                d.findElement(By.id("dataset-status")).getAttribute("data-status")));
        datasetId = Long.parseLong(driver.getCurrentUrl().replaceAll(".*#/datasets/", ""));
        assertThat(text(By.id("dataset-prompts"))).isEqualTo(Integer.toString(goodLines));
        assertThat(text(By.id("dataset-rejected"))).isEqualTo(Integer.toString(badLines.size()));
        List<Integer> rejected = driver.findElements(By.cssSelector("#rejected-table tbody tr")).stream()
                .map(r -> Integer.parseInt(r.getAttribute("data-line"))).toList();
        assertThat(rejected).containsExactlyElementsOf(badLines);
        assertThat(text(By.id("rejected-table"))).contains("dimension");
        assertThat(text(By.id("dataset-duplicates"))).isEqualTo("0");
        assertThat(driver.findElements(By.id("rejected-more"))).as("every rejection is shown: no paging note").isEmpty();
        Files.createDirectories(OUT);
        Files.write(OUT.resolve("dataset-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        JsonObject stored = API.get("/api/datasets/" + datasetId).body();
        assertThat(stored.getInt("promptCount")).isEqualTo(goodLines);
        assertThat(stored.getString("source")).isEqualTo("upload:" + file.getFileName());
        assertThat(stored.getString("repeatedPrompts")).isEqualTo("keep");
    }

    @Test
    @Order(4)
    void auditorStartsAnAuditAgainstTheStubAndWatchesItComplete() {
        login("auditor");
        open("runs");
        click(By.id("new-run"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-run-form")));
        new Select(driver.findElement(By.id("f-dataset"))).selectByValue(Long.toString(datasetId));
        new Select(driver.findElement(By.id("f-connector"))).selectByValue("openai-compatible");
        type("f-baseUrl", stub.baseUrl());
        type("f-model", "console-model");
        new Select(driver.findElement(By.id("f-scorer"))).selectByValue("llm-judge");
        type("f-judgeUrl", stub.baseUrl());
        type("f-judgeModel", "stub-judge");
        driver.findElement(By.id("f-concurrency")).clear();
        type("f-concurrency", "4");
        type("f-name", "控制台端到端审计");
        type("f-ticket", "GRC-2026-118");
        click(By.id("start-run"));
        wait.until(ExpectedConditions.urlMatches("#/runs/\\d+$"));
        runId = Long.parseLong(driver.getCurrentUrl().replaceAll(".*#/runs/", ""));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#progress progress")));
        waiting(Duration.ofMinutes(3)).until(d -> "COMPLETED".equals(
                d.findElement(By.cssSelector(".titlebar .badge")).getAttribute("data-status")));
        JsonObject run = API.get("/api/runs/" + runId).body();
        JsonObject p = run.getJsonObject("progress");
        assertThat(p.getInt("generated")).isEqualTo(goodLines);
        assertThat(text(By.cssSelector("#progress .counts"))).contains("已生成 " + goodLines + "/" + goodLines)
                .contains("已评分 " + p.getInt("scored")).contains("无法评分 " + p.getInt("unscorable"));
        JsonObject metrics = API.get("/api/runs/" + runId + "/metrics").body();
        assertThat(text(By.id("overall-rate"))).isEqualTo(percent(metrics.getJsonObject("overall")
                .getJsonNumber("harmlessRate").doubleValue()));
        assertThat(driver.findElements(By.cssSelector("#dimension-table tbody tr"))).hasSize(5);
        assertThat(driver.findElements(By.cssSelector("#dimension-chart svg"))).hasSize(1);
        assertThat(text(By.id("dimension-table"))).contains("安全性 Safety");
        assertThat(text(By.id("scorer-card"))).isNotBlank();
        // the counting policy in force, and what became of each dimension's prompts, as the metrics say
        assertThat(text(By.id("counting-policy"))).startsWith("计分口径：无害率按模型的回答计算");
        JsonObject fairness = metrics.getJsonObject("outcomes").getJsonObject("Fairness");
        assertThat(driver.findElements(By.cssSelector("#outcome-table tbody tr"))).hasSize(5);
        assertThat(driver.findElement(By.cssSelector("#outcome-table tr[data-dimension='Fairness']")).getText())
                .startsWith("公平性 Fairness " + fairness.getInt("ANSWERED") + " " + fairness.getInt("REFUSED") + " "
                        + fairness.getInt("TRUNCATED") + " " + fairness.getInt("BLOCKED") + " "
                        + fairness.getInt("EMPTY") + " " + fairness.getInt("FAILED") + " "
                        + fairness.getInt("harmlessByRefusal"));
        assertThat(text(By.cssSelector("#outcome-table thead"))).contains("明确拒答").contains("被服务方拦截")
                .contains("无害（拒答）");
        // every date on the page is in the browser's zone (Asia/Shanghai: GMT+8)
        assertThat(text(By.cssSelector(".facts"))).contains("GMT+8");
    }

    @Test
    @Order(5)
    void answersAreFullTextFilterableAndHostileMarkupStaysInert() {
        login("regulator");
        open("runs/" + runId + "/items");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#items article.item")));
        assertThat(text(By.id("items-total"))).isEqualTo(Integer.toString(goodLines));
        WebElement hostile = driver.findElement(By.cssSelector("#items article.item[data-line='1']"));
        assertThat(hostile.findElement(By.cssSelector(".prompt .body")).getText()).startsWith(HOSTILE_PROMPT + " ");
        assertThat(hostile.findElement(By.cssSelector(".answer .body")).getText()).isEqualTo(HOSTILE_ANSWER);
        assertThat(driver.findElements(By.cssSelector("#items img, #items script, #items iframe"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        // clicking the words of the "link" does nothing either
        hostile.findElement(By.cssSelector(".answer .body")).click();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
        // filters: dimension, then subcomponent, then score
        new Select(driver.findElement(By.id("filter-dimension"))).selectByValue("Safety");
        long safety = API.get("/api/runs/" + runId + "/items?dimension=Safety&size=1").body().getInt("total");
        wait.until(ExpectedConditions.textToBe(By.id("items-total"), Long.toString(safety)));
        String sub = new Select(driver.findElement(By.id("filter-subcomponent"))).getOptions().get(1).getAttribute("value");
        new Select(driver.findElement(By.id("filter-subcomponent"))).selectByValue(sub);
        long inSub = API.get("/api/runs/" + runId + "/items?dimension=Safety&size=1&subcomponent="
                + java.net.URLEncoder.encode(sub, StandardCharsets.UTF_8)).body().getInt("total");
        assertThat(inSub).isPositive().isLessThanOrEqualTo(safety);
        wait.until(ExpectedConditions.textToBe(By.id("items-total"), Long.toString(inSub)));
        driver.findElements(By.cssSelector("#items article.item")).forEach(a ->
                assertThat(a.findElement(By.tagName("header")).getText()).contains(sub));
        new Select(driver.findElement(By.id("filter-subcomponent"))).selectByValue("");
        new Select(driver.findElement(By.id("filter-dimension"))).selectByValue("");
        new Select(driver.findElement(By.id("filter-score"))).selectByValue("unscorable");
        long unscorable = API.get("/api/runs/" + runId + "/items?score=unscorable&size=1").body().getInt("total");
        wait.until(ExpectedConditions.textToBe(By.id("items-total"), Long.toString(unscorable)));
        // the filters are in the URL: a reload keeps them
        assertThat(driver.getCurrentUrl()).endsWith("#/runs/" + runId + "/items?score=unscorable");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("items-total"), Long.toString(unscorable)));
        assertThat(new Select(driver.findElement(By.id("filter-score"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("unscorable");
        // a text search finds the hostile prompt by a word of its answer
        new Select(driver.findElement(By.id("filter-score"))).selectByValue("");
        WebElement search = driver.findElement(By.id("filter-text"));
        search.sendKeys(MARKER, Keys.ENTER);
        long found = API.get("/api/runs/" + runId + "/items?size=1&q=" + java.net.URLEncoder.encode(MARKER,
                StandardCharsets.UTF_8)).body().getInt("total");
        assertThat(found).isPositive().isLessThan(goodLines);
        wait.until(ExpectedConditions.textToBe(By.id("items-total"), Long.toString(found)));
    }

    @Test
    @Order(6)
    void reviewerOverridesAScoreInTwoClicksAndTheMetricsChange() throws Exception {
        JsonObject before = API.get("/api/runs/" + runId + "/metrics").body();
        JsonObject target = API.as("reviewer").get("/api/runs/" + runId + "/review-queue?size=200").body()
                .getJsonArray("items").stream().map(v -> v.asJsonObject()).filter(i -> i.containsKey("machineScore"))
                .findFirst().orElseThrow();
        int newScore = target.getInt("machineScore") == 3 ? 1 : 3;
        login("reviewer");
        open("review/" + runId);
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#queue article.item[data-prompt='" + target.getInt("promptId") + "']")));
        Files.write(OUT.resolve("review-queue-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        card.findElement(By.cssSelector("button.set-score[data-score='" + newScore + "']")).click();
        card.findElement(By.cssSelector("input.justification")).sendKeys("控制台端到端测试：人工复核改分");
        card.findElement(By.cssSelector("button.confirm")).click();
        wait.until(ExpectedConditions.textToBe(By.id("review-flash"), "已将第 " + target.getInt("line") + " 行改为 "
                + newScore + " 分"));

        JsonObject after = API.get("/api/runs/" + runId + "/metrics").body();
        assertThat(after.getInt("reviewed")).isEqualTo(before.getInt("reviewed") + 1);
        double rateBefore = before.getJsonObject("overall").getJsonNumber("harmlessRate").doubleValue();
        double rateAfter = after.getJsonObject("overall").getJsonNumber("harmlessRate").doubleValue();
        assertThat(rateAfter).isNotEqualTo(rateBefore);
        open("runs/" + runId);
        wait.until(ExpectedConditions.textToBe(By.id("overall-rate"), percent(rateAfter)));
        assertThat(text(By.id("reviewed"))).isEqualTo(Integer.toString(after.getInt("reviewed")));
        // the review changed a score: counted as a change, and the rates before review are shown beside
        JsonObject review = after.getJsonObject("review");
        assertThat(review.getInt("changed") + review.getInt("confirmed")).isEqualTo(after.getInt("reviewed"));
        assertThat(review.getInt("changed")).isPositive();
        assertThat(text(By.id("review-split"))).isEqualTo("改分 " + review.getInt("changed") + " · 确认 "
                + review.getInt("confirmed"));
        assertThat(text(By.cssSelector("#review-table tr[data-dimension='overall']")))
                .isEqualTo("总体 " + percent(review.getJsonObject("beforeReview").getJsonNumber("harmlessRate")
                        .doubleValue()) + " " + percent(rateAfter));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('review-table').scrollIntoView()");
        Thread.sleep(300);
        Files.write(OUT.resolve("run-review-table-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Thread.sleep(300); // the chart is drawn on the next animation frame
        Files.write(OUT.resolve("run-page-zh.png"), driver.getScreenshotAs(OutputType.BYTES));

        open("audit-log");
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#log-table tbody tr")));
        assertThat(first.getAttribute("data-type")).isEqualTo("score-review");
        assertThat(first.getText()).contains("reviewer").contains("控制台端到端测试：人工复核改分")
                .contains("审计 #" + runId + " 第 " + target.getInt("line") + " 行");
        // the items page narrows to the reviewed answers
        open("runs/" + runId + "/items?reviewed=true");
        wait.until(ExpectedConditions.textToBe(By.id("items-total"), "1"));
        assertThat(driver.findElement(By.cssSelector("#items article.item")).getAttribute("data-prompt"))
                .isEqualTo(Integer.toString(target.getInt("promptId")));
    }

    @Test
    @Order(7)
    void bothReportsDownload() throws Exception {
        login("regulator");
        open("runs/" + runId);
        click(By.id("download-pdf"));
        Path pdf = downloaded(".pdf");
        click(By.id("download-xlsx"));
        Path xlsx = downloaded(".xlsx");
        String text = PdfReading.text(Files.readAllBytes(pdf));
        assertThat(text).contains("console-model", "审计名称 控制台端到端审计", "工单号 GRC-2026-118");
        boolean found = false;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(xlsx)))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        found |= cell.toString().contains(HOSTILE_ANSWER);
                    }
                }
            }
        }
        assertThat(found).as("the XLSX holds every answer, the hostile one as plain text").isTrue();
    }

    @Test
    @Order(8)
    void twoRunsCompareWithSignificanceMarks() {
        long second = API.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                "console-model-b", stub, 4).build(), Duration.ofMinutes(3)).getJsonNumber("id").longValue();
        login("regulator");
        open("compare");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-runs")));
        driver.findElement(By.cssSelector("#compare-runs input[value='" + runId + "']")).click();
        driver.findElement(By.cssSelector("#compare-runs input[value='" + second + "']")).click();
        click(By.id("compare-go"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#compare-table tbody tr")));
        // five dimensions and the overall rate, each for two runs
        assertThat(driver.findElements(By.cssSelector("#compare-table tbody tr"))).hasSize(12);
        assertThat(driver.findElements(By.cssSelector("#compare-chart svg"))).hasSize(1);
        JsonObject c = API.get("/api/reports/compare?runs=" + runId + "," + second).body();
        JsonObject safety = c.getJsonArray("runs").getJsonObject(1).getJsonObject("dimensions").getJsonObject("Safety")
                .getJsonObject("vsBaseline");
        WebElement row = driver.findElement(By.cssSelector("#compare-table tr[data-dimension='Safety'][data-run='"
                + second + "']"));
        assertThat(row.findElement(By.cssSelector("[data-significant]")).getAttribute("data-significant"))
                .isEqualTo(Boolean.toString(safety.getBoolean("significant")));
        // one scorer for both: no caution
        assertThat(c.getBoolean("sameScorer")).isTrue();
        assertThat(driver.findElements(By.id("compare-scorer-warning"))).isEmpty();
        try {
            Thread.sleep(300); // the chart is drawn on the next animation frame
            Files.write(OUT.resolve("compare-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(9)
    void auditorStopsARunningAuditAndRestartsIt() {
        stub.latencyMs(300);
        long id;
        try {
            id = API.submitRun(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                    "console-model-stop", stub, 1).build());
            login("auditor");
            // the runs list shows the active run's progress from the list's own response
            open("runs");
            By counts = By.cssSelector("#runs-table tr[data-run='" + id + "'] .progress .counts");
            waiting(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(counts));
            assertThat(text(counts)).contains("/" + goodLines + " · 已评分 ");
            open("runs/" + id);
            waiting(Duration.ofMinutes(1)).until(d -> API.get("/api/runs/" + id).body().getJsonObject("progress")
                    .getInt("generated") >= 2);
            click(By.id("stop-run"));
            // stopping asks first: dismissed, the run goes on; accepted, it stops
            Alert ask = wait.until(ExpectedConditions.alertIsPresent());
            assertThat(ask.getText()).startsWith("确定停止这次审计？");
            ask.dismiss();
            assertThat(API.get("/api/runs/" + id).body().getString("status")).isIn("QUEUED", "RUNNING");
            click(By.id("stop-run"));
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            waiting(Duration.ofMinutes(1)).until(d -> "STOPPED".equals(
                    d.findElement(By.cssSelector(".titlebar .badge")).getAttribute("data-status")));
            // a stopped run's figures are not called "running"
            assertThat(text(By.id("not-final"))).isEqualTo("（审计未完成：数值只包含已评分的回复，不是最终结果）");
            int generated = API.get("/api/runs/" + id).body().getJsonObject("progress").getInt("generated");
            assertThat(generated).isBetween(2, goodLines - 1);
        } finally {
            stub.latencyMs(0);
        }
        click(By.id("restart-run"));
        waiting(Duration.ofMinutes(3)).until(d -> "COMPLETED".equals(
                d.findElement(By.cssSelector(".titlebar .badge")).getAttribute("data-status")));
        assertThat(driver.findElements(By.id("restart-run"))).isEmpty();
        assertThat(API.get("/api/runs/" + id + "/items?size=1").body().getInt("total")).isEqualTo(goodLines);
        assertThat(text(By.cssSelector("#progress .counts"))).contains("已生成 " + goodLines + "/" + goodLines);
        // the run page lists who started, stopped and restarted it (read in one go: the page re-renders the table
        // while it polls, and a row found before a re-render is stale)
        java.util.Map<String, List<String>> history = waiting(Duration.ofSeconds(30)).until(d -> {
            WebElement table = d.findElement(By.id("run-history-table"));
            java.util.Map<String, List<String>> rows = new java.util.HashMap<>();
            for (String action : List.of("run-started", "run-stopped", "run-restarted")) {
                rows.put(action, table.findElements(By.cssSelector("tr[data-action='" + action + "']")).stream()
                        .map(WebElement::getText).toList());
            }
            return rows;
        });
        assertThat(history.get("run-stopped")).singleElement()
                .satisfies(r -> assertThat(r).contains("auditor", "停止审计"));
        assertThat(history.get("run-restarted")).singleElement()
                .satisfies(r -> assertThat(r).contains("auditor", "重新启动审计"));
        assertThat(history.get("run-started")).hasSize(1);
    }

    @Test
    @Order(10)
    void auditorSchedulesAnAuditAndDisablesIt() {
        login("auditor");
        open("schedules");
        String name = "console-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        // the zone field starts at the browser's own zone
        assertThat(driver.findElement(By.id("s-zone")).getAttribute("value")).isEqualTo(ZONE);
        type("s-name", name);
        type("s-cron", "0 3 * * *");
        // the next firings show as the expression is typed
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("s-cron-preview"), "接下来的触发时间："));
        assertThat(text(By.id("s-cron-preview"))).contains("03:00:00");
        new Select(driver.findElement(By.id("f-dataset"))).selectByValue(Long.toString(datasetId));
        type("f-baseUrl", stub.baseUrl());
        type("f-model", "console-model-nightly");
        new Select(driver.findElement(By.id("f-scorer"))).selectByValue("llm-judge");
        type("f-judgeUrl", stub.baseUrl());
        type("f-judgeModel", "stub-judge");
        click(By.id("schedule-submit"));
        WebElement row = waiting(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(
                "#schedules-table tbody tr")).stream().filter(r -> r.getText().contains(name)).findFirst().orElse(null));
        long id = Long.parseLong(row.getAttribute("data-schedule"));
        JsonObject stored = API.get("/api/schedules/" + id).body();
        assertThat(stored.getString("zone")).isEqualTo(ZONE);
        assertThat(stored.getBoolean("enabled")).isTrue();
        assertThat(row.getText()).contains("0 3 * * *").contains("是").contains("03:00:00 GMT+8");
        row.findElement(By.cssSelector("button.toggle-schedule")).click();
        waiting(Duration.ofSeconds(30)).until(d -> !API.get("/api/schedules/" + id).body().getBoolean("enabled"));
        waiting(Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector(
                "#schedules-table tr[data-schedule='" + id + "']")).getText().contains("否"));
        open("audit-log");
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#log-table tbody tr")));
        assertThat(first.getAttribute("data-type")).isEqualTo("schedule");
        assertThat(first.getText()).contains("auditor").contains("#" + id).contains("enabled true → false");
        // deleting asks first; dismissed, the schedule stays
        open("schedules");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#schedules-table tr[data-schedule='" + id + "'] button.delete-schedule"))).click();
        Alert ask = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(ask.getText()).startsWith("确定删除定时审计 #" + id);
        ask.dismiss();
        assertThat(API.get("/api/schedules/" + id).status()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void aRegulatorHasNoControlThatChangesAnything() {
        login("regulator");
        Set<String> readOnlyButtons = Set.of("lang", "logout", "download-pdf", "download-pdf-en", "download-xlsx",
                "compare-go", "compare-pdf", "runs-filter-go", "log-verify", "download-bundle");
        for (String page : List.of("runs", "runs/" + runId, "runs/" + runId + "/items", "compare", "datasets",
                "datasets/" + datasetId, "schedules", "scorers", "audit-log", "bundles")) {
            open(page);
            wait.until(d -> !d.findElements(By.cssSelector("#main h1")).isEmpty());
            assertThat(driver.findElements(By.cssSelector("[data-mutates]"))).as(page).isEmpty();
            assertThat(driver.findElements(By.cssSelector("#main form, #main input[type=file]"))).as(page).isEmpty();
            for (WebElement b : driver.findElements(By.tagName("button"))) {
                String id = b.getAttribute("id");
                String cls = b.getAttribute("class");
                boolean harmless = readOnlyButtons.contains(id) || cls.contains("show-history")
                        || cls.contains("report-download")
                        || b.findElement(By.xpath("..")).getAttribute("class").contains("pager");
                assertThat(harmless).as(page + ": button " + b.getText()).isTrue();
            }
        }
        for (String page : List.of("runs/new", "review/" + runId, "users", "secrets")) {
            open(page);
            wait.until(d -> d.findElement(By.id("main")).getText().contains("404 / 403"));
        }
    }

    /**
     * The admin sets a key with the one endpoint it may be sent to, then registers a variable's endpoints; both tables
     * show the canonical endpoints, a key without endpoints is refused with the field named, and the key never
     * appears on the page.
     */
    @Test
    @Order(12)
    void adminSetsAKeyWithItsEndpointsAndRegistersAVariable() throws Exception {
        String alias = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "sk-console-" + UUID.randomUUID();
        try {
            login("admin");
            open("secrets");
            type("k-alias", alias);
            type("k-value", key);
            click(By.cssSelector("#secret-form button[type=submit]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("secret-message"), "endpoints"));
            type("k-value", key);
            type("k-endpoints", "https://API.DeepSeek.com/v1/\nhttp://127.0.0.1:8000");
            click(By.cssSelector("#secret-form button[type=submit]"));
            WebElement row = waiting(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(
                    "#secrets-table tr[data-alias='" + alias + "']")).stream().findFirst().orElse(null));
            assertThat(row.getText()).contains("https://api.deepseek.com:443/v1").contains("http://127.0.0.1:8000")
                    .contains("admin");
            new Select(driver.findElement(By.id("e-kind"))).selectByValue("env");
            type("e-name", "FLAMES_KEY_CONSOLE");
            type("e-endpoints", "https://dashscope.aliyuncs.com/compatible-mode/v1");
            click(By.cssSelector("#endpoint-form button[type=submit]"));
            WebElement variable = waiting(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(
                    "#variables-table tr[data-variable='FLAMES_KEY_CONSOLE']")).stream().findFirst().orElse(null));
            assertThat(variable.getText()).contains("https://dashscope.aliyuncs.com:443/compatible-mode/v1").contains("否");
            assertThat(text(By.id("main"))).contains("FLAMES_API_KEY_VARIABLES=FLAMES_KEY_*").doesNotContain(key);
            Files.write(OUT.resolve("api-keys-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            API.as("admin").delete("/api/secrets/" + alias);
            API.as("admin").delete("/api/secrets/env/FLAMES_KEY_CONSOLE/endpoints");
        }
    }

    // ---- helpers ----

    /** 40 Flames-1k prompts spread over the five dimensions, one hostile prompt and two bad lines among them. */
    private static Path promptFile() throws Exception {
        List<String> flames = Files.readAllLines(ApiClient.flamesFile(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        lines.add(Json.createObjectBuilder().add("dimension", "Fairness").add("subcomponent", "Bias and discrimination")
                .add("prompt", HOSTILE_PROMPT + " " + UUID.randomUUID()).build().toString());
        for (int i = 0; i < 40; i++) {
            lines.add(flames.get(i * 25 + 3));
            if (i == 8) {
                lines.add("{\"dimension\": \"Fairnes\", \"prompt\": \"维度写错了\"}");
                badLines.add(lines.size());
            }
            if (i == 25) {
                lines.add("{this is not json");
                badLines.add(lines.size());
            }
        }
        goodLines = lines.size() - badLines.size();
        Path dir = Files.createTempDirectory("console-upload");
        Path file = dir.resolve("console-e2e.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** The run page redraws itself while the run is active: an element found a moment ago may be gone. */
    private static WebDriverWait waiting(Duration timeout) {
        WebDriverWait w = new WebDriverWait(driver, timeout);
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    @Test
    @Order(13)
    void aRunWhoseJudgeGivesEveryAnswerTheSameVerdictCarriesItsWarningsOnItsPage() throws Exception {
        try (OpenAiStub judge = new OpenAiStub().replyToJudge(prompt ->
                OpenAiStub.completion("{\"score\": 1, \"rationale\": \"有害\"}", null, "stop"))) {
            JsonObject run = API.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                    "console-degenerate", judge, 4).build(), Duration.ofMinutes(3));
            long id = run.getJsonNumber("id").longValue();
            JsonObject metrics = API.get("/api/runs/" + id + "/metrics").body();
            int items = metrics.getJsonArray("warnings").getJsonObject(0).getInt("items");
            login("regulator");
            open("runs/" + id);
            WebElement identical = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#metrics p[data-warning='IDENTICAL_VERDICTS']")));
            assertThat(identical.getText()).isEqualTo("注意：评分器的全部 " + items + " 个判定都是 1 分，请检查评分器是否读取了回复。");
            assertThat(text(By.cssSelector("#metrics p[data-warning='IDENTICAL_SCORER_OUTPUT']")))
                    .isEqualTo("注意：评分器对全部 " + items + " 个回复给出了完全相同的输出，请检查评分器是否正常工作。");
            ((JavascriptExecutor) driver).executeScript("document.getElementById('metrics').scrollIntoView()");
            Thread.sleep(300);
            Files.write(OUT.resolve("run-warnings-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    @Order(14)
    void aRunWithTwoJudgesShowsTheirAgreementAndEachVerdictInChinese() throws Exception {
        try (OpenAiStub strict = new OpenAiStub().replyToJudge(prompt ->
                OpenAiStub.completion("{\"score\": 1, \"rationale\": \"从严：有害\"}", null, "stop"))) {
            JsonObject request = org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                    "console-panel", stub, 4).build();
            JsonObject panel = Json.createObjectBuilder(request).remove("scorer")
                    .add("scorers", Json.createArrayBuilder().add(request.getJsonObject("scorer"))
                            .add(Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", strict.baseUrl())
                                    .add("model", "strict-judge")))
                    .add("decision", "unanimous").build();
            JsonObject run = API.runAndWait(panel, Duration.ofMinutes(3));
            long id = run.getJsonNumber("id").longValue();
            JsonObject agreement = API.get("/api/runs/" + id + "/metrics").body().getJsonObject("scorerAgreement");
            int disagreements = agreement.getJsonObject("overall").getInt("disagreements");
            assertThat(disagreements).isPositive();
            login("regulator");
            open("runs/" + id);
            WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agreement-table")));
            assertThat(text(By.cssSelector("#scorer-agreement h2"))).isEqualTo("评分器间一致性");
            assertThat(text(By.id("decision-rule"))).isEqualTo("判定规则：一致决：所有评分器给出相同分数，否则由人工复核决定");
            WebElement overall = table.findElement(By.cssSelector("tr[data-dimension='overall']"));
            assertThat(overall.findElements(By.tagName("td")).get(2).getText()).startsWith(disagreements + " (");
            assertThat(driver.findElements(By.cssSelector("#scorer-list li"))).hasSize(2);
            ((JavascriptExecutor) driver).executeScript("document.getElementById('scorer-agreement').scrollIntoView()");
            Thread.sleep(300);
            Files.write(OUT.resolve("run-agreement-zh.png"), driver.getScreenshotAs(OutputType.BYTES));

            // compared with a run of the first judge alone, the panel run is flagged: another scorer, not another model
            open("compare");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-runs")));
            driver.findElement(By.cssSelector("#compare-runs input[value='" + runId + "']")).click();
            driver.findElement(By.cssSelector("#compare-runs input[value='" + id + "']")).click();
            click(By.id("compare-go"));
            assertThat(text(By.id("compare-scorer-warning"))).startsWith("注意：这些审计由不同的评分器");
            assertThat(driver.findElements(By.cssSelector("#compare-table td code.scorer")))
                    .extracting(WebElement::getText).anyMatch(k -> k.startsWith("unanimous("));

            open("runs/" + id + "/items");
            new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("filter-score")))).selectByValue("disagree");
            wait.until(ExpectedConditions.textToBe(By.id("items-total"), String.valueOf(disagreements)));
            WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#items .verdicts[data-disagree='true']")));
            assertThat(first.getText()).contains("各评分器的判定", "评分器意见不一", "strict-judge");
            assertThat(first.findElements(By.cssSelector("li"))).hasSize(2);
            Files.write(OUT.resolve("items-verdicts-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    @Order(15)
    void aReviewerScoresABlindSampleWithoutSeeingAVerdictAndTheRunPageShowsTheCorrectedRate() throws Exception {
        JsonObject run = API.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                "console-blind", stub, 4).build(), Duration.ofMinutes(3));
        long id = run.getJsonNumber("id").longValue();
        ApiClient.Reply drawn = API.post("/api/runs/" + id + "/blind-sample", Json.createObjectBuilder()
                .add("size", 6).add("seed", 11).build());
        assertThat(drawn.status()).as(String.valueOf(drawn.body())).isEqualTo(201);
        login("reviewer");
        open("blind/" + id);
        assertThat(text(By.id("blind-status"))).startsWith("已盲评 0 / 6");
        List<WebElement> cards = driver.findElements(By.cssSelector("#blind article.item"));
        assertThat(cards).hasSize(6).allSatisfy(card -> {
            assertThat(card.findElements(By.cssSelector(".score, .rationale, .verdicts"))).isEmpty();
            assertThat(card.getText()).doesNotContainPattern("第 \\d+ 行").doesNotContain("机器判定");
        });
        Files.write(OUT.resolve("blind-review-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        for (int i = 0; i < 6; i++) {
            WebElement first = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#blind article.item button.blind-score[data-score='1']")));
            first.click();
            int done = i + 1;
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("blind-status"),
                    "已盲评 " + done + " / 6"));
        }
        assertThat(text(By.id("blind-done"))).isEqualTo("样本已全部盲评。");
        // the reviewer's run page has no results (they would tell the machine's verdicts); a regulator's has
        open("runs/" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("metrics")));
        assertThat(driver.findElements(By.id("blind-scorers"))).isEmpty();
        login("regulator");
        open("runs/" + id);
        WebElement scorers = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("blind-scorers")));
        assertThat(text(By.cssSelector("#blind-results h2"))).isEqualTo("盲评结果");
        assertThat(scorers.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#blind-correction tr[data-dimension='overall']"))).hasSize(1);
        ((JavascriptExecutor) driver).executeScript("document.getElementById('blind-results').scrollIntoView()");
        Thread.sleep(300);
        Files.write(OUT.resolve("run-blind-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(16)
    void aRunLimitedToTheFirstPromptsSaysSoAndWarnsThatItCoversOneDimension() {
        JsonObject run = API.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                "console-limit", stub, 2).add("limit", 2).build(), Duration.ofMinutes(3));
        long id = run.getJsonNumber("id").longValue();
        int present = API.get("/api/runs/" + id + "/metrics").body().getJsonObject("overall")
                .getInt("dimensionsPresent");
        assertThat(present).isLessThan(5);
        login("auditor");
        open("runs/" + id);
        assertThat(text(By.id("run-limit"))).isEqualTo("数据集的前 2 道题目（按行号）");
        assertThat(text(By.id("partial-coverage"))).startsWith("注意：只覆盖 5 个维度中的 " + present + " 个");
        open("runs/" + runId);
        assertThat(text(By.id("run-limit"))).isEqualTo("数据集的全部题目");
        // the run page names the dataset with its version and hash, and who started the run
        JsonObject set = API.get("/api/datasets/" + datasetId).body();
        assertThat(text(By.id("run-dataset"))).contains(set.getString("name") + " v" + set.getInt("version"),
                "SHA-256 " + set.getString("sha256"));
        assertThat(text(By.id("run-created-by"))).isEqualTo("auditor");
        assertThat(text(By.id("run-title"))).isEqualTo("审计 #" + runId + " · 控制台端到端审计");
        assertThat(text(By.id("run-ticket"))).isEqualTo("GRC-2026-118");
        // comparing it with the complete run is flagged: the overall rates average different prompts
        open("compare");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-runs")));
        driver.findElement(By.cssSelector("#compare-runs input[value='" + runId + "']")).click();
        driver.findElement(By.cssSelector("#compare-runs input[value='" + id + "']")).click();
        click(By.id("compare-go"));
        assertThat(text(By.id("compare-scope-warning"))).startsWith("注意：这些审计的题目范围不同");
        assertThat(driver.findElements(By.id("compare-policy-warning"))).isEmpty();
        assertThat(driver.findElements(By.id("partial-coverage"))).isEmpty();
    }

    @Test
    @Order(17)
    void aRegulatorChecksADownloadedReportAndAnEditedCopyOnTheVerificationPage() throws Exception {
        ApiClient.Download pdf = API.download("/api/runs/" + runId + "/report.pdf");
        Path original = Files.createTempFile("flames-verify", ".pdf");
        Path edited = Files.createTempFile("flames-verify-edited", ".pdf");
        byte[] bytes = pdf.body();
        Files.write(original, bytes);
        byte[] changed = bytes.clone();
        changed[changed.length / 3] ^= 1;
        Files.write(edited, changed);
        login("regulator");
        open("verify");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-file"))).sendKeys(original.toString());
        wait.until(ExpectedConditions.textToBe(By.id("verify-verdict"), "这是本系统签发的报告。"));
        assertThat(text(By.id("verify-sha"))).isEqualTo(pdf.header("X-Content-SHA256"));
        assertThat(text(By.cssSelector(".verify-match"))).contains("审计 #" + runId, pdf.header("X-Report-Id"),
                "当前有效");
        Files.write(OUT.resolve("verify-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        open("verify");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-file"))).sendKeys(edited.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-verdict"), "不是本系统签发的报告"));
        assertThat(driver.findElements(By.cssSelector(".verify-match"))).isEmpty();

        // the run page lists every issued rendering, the current one marked
        open("runs/" + runId);
        WebElement history = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-history-table")));
        assertThat(history.getText()).contains(pdf.header("X-Content-SHA256"), "当前有效");
        Files.deleteIfExists(original);
        Files.deleteIfExists(edited);
    }

    /**
     * Issue 22: the runs list is newest first, one page at a time, searchable, with each run's result (its overall
     * harmless rate, marked when it covers fewer than 5 dimensions); the search is kept in the URL.
     */
    @Test
    @Order(18)
    void theRunsListIsNewestFirstPagedSearchableAndShowsEachRunsResult() throws Exception {
        login("auditor");
        open("runs");
        List<WebElement> rows = driver.findElements(By.cssSelector("#runs-table tbody tr"));
        JsonObject api = API.get("/api/runs?size=20").body();
        long newest = api.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        assertThat(rows.get(0).getAttribute("data-run")).isEqualTo(Long.toString(newest));
        assertThat(rows).hasSize(Math.min(20, api.getInt("total")));
        assertThat(text(By.cssSelector("#runs-table thead"))).contains("结果（总体无害率）", "发起人");
        double overall = API.get("/api/runs/" + runId + "/metrics").body().getJsonObject("overall")
                .getJsonNumber("harmlessRate").doubleValue();
        assertThat(text(By.cssSelector("#runs-table tr[data-run='" + runId + "'] .result"))).isEqualTo(percent(overall));
        assertThat(text(By.id("runs-page"))).isEqualTo("第 1 页，共 " + Math.max(1, (api.getInt("total") + 19) / 20)
                + " 页（" + api.getInt("total") + " 条）");
        Files.write(OUT.resolve("runs-zh.png"), driver.getScreenshotAs(OutputType.BYTES));

        type("runs-search", "console-limit");
        click(By.id("runs-filter-go"));
        wait.until(ExpectedConditions.urlContains("q=console-limit"));
        wait.until(d -> d.findElements(By.cssSelector("#runs-table tbody tr")).size()
                == API.get("/api/runs?q=console-limit").body().getInt("total"));
        List<WebElement> found = driver.findElements(By.cssSelector("#runs-table tbody tr"));
        assertThat(found).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("console-limit"));
        // a limited run that covers fewer than 5 dimensions is marked beside its rate
        assertThat(found.get(0).findElement(By.cssSelector(".badge.partial")).getText()).endsWith("/5 个维度");
        // the filter is in the URL: a reload keeps it
        driver.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("#runs-table tbody tr")).isEmpty());
        assertThat(driver.findElement(By.id("runs-search")).getAttribute("value")).isEqualTo("console-limit");
        // the ticket number finds its run
        open("runs?q=GRC-2026-118");
        assertThat(driver.findElements(By.cssSelector("#runs-table tbody tr"))).singleElement()
                .satisfies(r -> assertThat(r.getAttribute("data-run")).isEqualTo(Long.toString(runId)));
        open("runs?q=no-such-model-anywhere");
        assertThat(text(By.id("runs-empty"))).isEqualTo("没有符合条件的审计运行，请修改搜索或状态。");
    }

    /** Issue 22: starting, downloading and the other accounted actions are in the audit log, each linked to its run. */
    @Test
    @Order(19)
    void theAuditLogShowsWhoStartedAndDownloadedLinkedToTheRun() {
        login("regulator");
        open("audit-log");
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("log-type")))).selectByValue("action");
        wait.until(d -> !d.findElements(By.cssSelector("#log-table tbody tr[data-type='action']")).isEmpty()
                && d.findElements(By.cssSelector("#log-table tbody tr:not([data-type='action'])")).isEmpty());
        WebElement started = driver.findElements(By.cssSelector("#log-table tbody tr[data-type='action']")).stream()
                .filter(r -> r.getText().contains("发起审计") && r.getText().contains("审计 #" + runId + " "))
                .findFirst().orElseThrow();
        assertThat(started.getText()).contains("auditor", "console-model");
        // issue 23: the regulator recomputes the hash chain from the page, with an anchor that cannot match
        click(By.id("log-verify"));
        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#log-verify-result p[data-valid]")));
        assertThat(verdict.getAttribute("data-valid")).isEqualTo("true");
        assertThat(verdict.getText()).startsWith("审计日志完整：共 ");
        try {
            Files.write(OUT.resolve("audit-log-verify-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        type("log-anchor", "1:" + "0".repeat(64));
        click(By.id("log-verify"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#log-verify-result p[data-anchor='1']"),
                "锚点第 1 条不一致：审计日志在该报告之后被重写"));
        started = driver.findElements(By.cssSelector("#log-table tbody tr[data-type='action']")).stream()
                .filter(r -> r.getText().contains("发起审计") && r.getText().contains("审计 #" + runId + " "))
                .findFirst().orElseThrow();
        started.findElement(By.cssSelector("a[href='#/runs/" + runId + "']")).click();
        wait.until(ExpectedConditions.urlMatches("#/runs/" + runId + "$"));
    }

    /**
     * Issue 22: an empty new-audit form marks each missing field beside it, in Chinese, all at once; a fault only the
     * server sees (a URL that is not http) comes back with its kind and is shown, translated, beside its field.
     */
    @Test
    @Order(21)
    void theNewAuditFormShowsEachFaultBesideItsFieldInChinese() throws Exception {
        login("auditor");
        open("runs/new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-run-form")));
        new Select(driver.findElement(By.id("f-connector"))).selectByValue("openai-compatible");
        // the scorer is named in Chinese and said what it is, with its validation on Flames, under the choice
        assertThat(new Select(driver.findElement(By.id("f-scorer"))).getFirstSelectedOption().getText())
                .isEqualTo("内置评分器 (djl)");
        assertThat(text(By.id("f-scorer-info"))).contains("BGE-small-zh-v1.5", "未在 Flames 上验证");
        new Select(driver.findElement(By.id("f-scorer"))).selectByValue("llm-judge");
        assertThat(text(By.id("f-scorer-info"))).startsWith("由一个大模型按 Flames 评分标准");
        click(By.id("start-run"));
        for (String field : List.of("f-baseUrl", "f-model", "f-judgeUrl", "f-judgeModel")) {
            assertThat(text(By.cssSelector(".field-error[data-for='" + field + "']"))).as(field).isEqualTo("必填");
        }
        assertThat(text(By.id("form-error"))).isEqualTo("请修改标出的 4 处");
        Files.write(OUT.resolve("new-run-errors-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        type("f-baseUrl", "ftp://models.example/v1");
        type("f-model", "m");
        type("f-judgeUrl", stub.baseUrl());
        type("f-judgeModel", "j");
        click(By.id("start-run"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error[data-for='f-baseUrl']")));
        assertThat(text(By.cssSelector(".field-error[data-for='f-baseUrl']"))).startsWith("须为 http 或 https 地址");
        assertThat(driver.findElements(By.cssSelector(".field-error"))).hasSize(1);
        assertThat(driver.getCurrentUrl()).endsWith("#/runs/new");
    }

    /** Issue 22: at phone width (390 px) no page scrolls sideways; wide tables scroll inside their own box. */
    @Test
    @Order(22)
    void pagesFitAPhoneWidthWithoutSidewaysScrolling() throws Exception {
        login("reviewer");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String route : List.of("runs", "runs/" + runId, "runs/" + runId + "/items", "review", "compare",
                    "verify", "datasets", "schedules", "scorers", "audit-log")) {
                open(route);
                Thread.sleep(300); // charts draw on the next animation frame
                Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow.intValue()).as(route + " scrolls sideways by (px)").isLessThanOrEqualTo(0);
                if (route.equals("runs/" + runId) || route.equals("runs")) {
                    Files.write(OUT.resolve((route.equals("runs") ? "runs" : "run") + "-390-zh.png"),
                            driver.getScreenshotAs(OutputType.BYTES));
                }
            }
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1100));
        }
    }

    /**
     * Issue 23: a reviewer signs the report off as reviewed and an approver approves it, each from the run page with
     * an optional comment; the page shows who signed each step, and the report history says why it was rendered.
     */
    @Test
    @Order(23)
    void aReviewerAndAnApproverSignTheReportOffOnTheRunPage() throws Exception {
        JsonObject run = API.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                "console-signoff", stub, 2).build(), Duration.ofMinutes(3));
        long id = run.getJsonNumber("id").longValue();
        login("reviewer");
        open("runs/" + id);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signoff-status"), "草稿（未审核）"));
        assertThat(driver.findElements(By.id("sign-approve"))).isEmpty();
        click(By.id("sign-review"));
        Alert ask = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(ask.getText()).startsWith("签核报告 FA-" + id + "-");
        ask.sendKeys("已与工作簿逐项核对");
        ask.accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signoff-status"), "已审核，待批准"));
        assertThat(text(By.cssSelector("li.signoff-step[data-step='review']")))
                .startsWith("审核：reviewer，").endsWith("（已与工作簿逐项核对）");
        assertThat(driver.findElements(By.id("sign-review"))).isEmpty();

        login("approver");
        open("runs/" + id);
        click(By.id("sign-approve"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signoff-status"), "已批准"));
        assertThat(text(By.cssSelector("li.signoff-step[data-step='approve']"))).startsWith("批准：approver，");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-history-table"),
                "签核后更新签核栏"));
        assertThat(text(By.id("report-history-table"))).contains("审计作业完成", "approver");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('signoff').scrollIntoView()");
        Files.write(OUT.resolve("run-signoff-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        // the approved PDF names both signers
        JsonObject status = API.get("/api/runs/" + id + "/signoff").body();
        assertThat(status.getString("status")).isEqualTo("APPROVED");
    }

    /**
     * Issue 23: an auditor imports a run's reproduction bundle on the bundles page and sees it checked and listed; an
     * edited copy is refused with the file and line named.
     */
    @Test
    @Order(24)
    void anAuditorImportsABundleAndAnEditedOneIsRefused() throws Exception {
        byte[] zip = API.download("/api/runs/" + runId + "/bundle").body();
        Path good = DOWNLOADS.resolveSibling("console-bundle.zip");
        Files.write(good, zip);
        // the same bundle with one answer changed (the manifest left as it was)
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        String[] lines = new String(files.get("items.jsonl"), java.nio.charset.StandardCharsets.UTF_8).split("\n");
        lines[1] = lines[1].replaceFirst("\"answer\":\"", "\"answer\":\"（改）");
        files.put("items.jsonl", (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path edited = DOWNLOADS.resolveSibling("console-bundle-edited.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(edited))) {
            for (var f : files.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        login("auditor");
        open("bundles");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bundle-file"))).sendKeys(good.toString());
        assertThat(text(By.id("bundle-accepted"))).startsWith("已导入审计 #" + runId + " 的复现包");
        assertThat(text(By.id("bundle-signer"))).endsWith("是受信任的签名者。");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bundles-table tbody tr")));
        assertThat(text(By.id("bundles-table"))).contains("审计 #" + runId, "auditor");
        Files.write(OUT.resolve("bundles-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bundle-file"))).sendKeys(edited.toString());
        assertThat(text(By.id("bundle-refused"))).startsWith("复现包被拒绝：").contains("items.jsonl line 2");
    }

    @Test
    @Order(25)
    void aReaderAssessesAFlamesAuditAgainstTc260AndSeesWhyItCannotShowCompliance() throws Exception {
        JsonObject expected = API.get("/api/assessments/tc260?runs=" + runId).body();
        login("regulator");
        open("assessment");
        assertThat(text(By.cssSelector("#main h1"))).isEqualTo("安全评估（TC260-003 / GB/T 45654-2025）");
        click(By.cssSelector("#assessment-runs input[value='" + runId + "']"));
        click(By.id("assessment-go"));
        String verdict = switch (expected.getString("overall")) {
            case "MEETS" -> "符合";
            case "FAILS" -> "不符合";
            default -> "尚无定论";
        };
        assertThat(text(By.id("assessment-overall"))).isEqualTo("总体结论：" + verdict);
        assertThat(text(By.id("assessment-criteria"))).contains("二手资料");
        JsonObject gc = expected.getJsonObject("banks").getJsonObject("generated-content").getJsonObject("rate");
        WebElement bank = driver.findElement(By.cssSelector("#assessment-banks tr[data-bank='generated-content']"));
        assertThat(bank.getText()).contains("生成内容测试题库", gc.getInt("successes") + " / " + gc.getInt("n"),
                percent(gc.getJsonNumber("rate").doubleValue()));
        assertThat(driver.findElement(By.cssSelector("#assessment-banks tr[data-bank='should-refuse']")).getText())
                .contains("无题目");
        assertThat(text(By.id("assessment-mapping"))).contains("单独的 Flames 审计不能证明符合该标准");
        assertThat(driver.findElements(By.cssSelector("#assessment-risks tr[data-risk]"))).hasSize(
                expected.getJsonObject("banks").getJsonObject("generated-content").getJsonObject("risks").size());
        assertThat(driver.findElement(By.id("assessment-pdf")).isDisplayed()).isTrue();
        Files.write(OUT.resolve("assessment-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(26)
    void aGatedRunShowsItsGateWithEachRulesFigures() throws Exception {
        long id = API.runAndWait(org.flamesaudit.testsupport.RunRequests.againstStubs(datasetId, stub,
                "console-gated", stub, 4).add("gate", Json.createObjectBuilder().add("notWorse", false)
                .add("floors", Json.createObjectBuilder().add("overall", 0.99).add("Safety", 0.0))).build(),
                Duration.ofMinutes(3))
                .getJsonNumber("id").longValue();
        JsonObject gate = API.get("/api/runs/" + id).body().getJsonObject("gate");
        assertThat(gate.getString("verdict")).isEqualTo("FAIL"); // the floor of 99% fails
        login("regulator");
        open("runs/" + id);
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gate")));
        assertThat(box.getAttribute("data-verdict")).isEqualTo("FAIL");
        assertThat(text(By.id("gate-verdict"))).isEqualTo("不通过 · 无基线");
        List<WebElement> rows = driver.findElements(By.cssSelector("#gate-table tbody tr"));
        assertThat(rows).hasSize(gate.getJsonObject("result").getJsonArray("rules").size());
        WebElement floor = driver.findElement(By.cssSelector("#gate-table tr[data-rule='floor'][data-scope='overall']"));
        assertThat(floor.getText()).contains("无害率下限", "下限 99.00%", "不通过");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", box);
        Files.write(OUT.resolve("run-gate-zh.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static void open(String route) {
        driver.get(BASE + "/#/" + route);
        // the page is a single document: a new fragment alone does not reload it
        driver.navigate().refresh();
        // a page shows its heading once its data has arrived (or an error, or the login form)
        wait.until(d -> !d.findElements(By.cssSelector("#main h1, #main .error, #login-form")).isEmpty());
    }

    /** Logs in through the form, starting from a tab that holds no credentials. */
    private static void login(String user) {
        driver.get(BASE + "/#/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        type("username", user);
        type("password", ApiClient.demoPassword(user));
        click(By.id("login-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), user + " · "));
    }

    private static void type(String id, String value) {
        WebElement e = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        e.clear();
        e.sendKeys(value);
    }

    private static void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    private static Path downloaded(String suffix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                var done = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
                if (done.isPresent() && Files.size(done.get()) > 0) {
                    return done.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + suffix + " file was downloaded into " + DOWNLOADS + "; the page says: "
                + driver.findElement(By.id("download-note")).getText());
    }
}
