package io.bftvote.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.devnet.Devnet;
import io.bftvote.cli.devnet.DevnetOptions;
import io.bftvote.replica.ReplicaApp;
import io.bftvote.topics.KeyFile;
import io.bftvote.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it, in Debian's headless chromium against a whole devnet in this
 * JVM: a vote cast from the page (key made and ballot signed by WebCrypto in the page) becomes
 * final and moves its tally bar; a replica that signs two prepares for one slot shows up as a
 * detection and is marked red. Screenshots go to {@code target/screenshots/} for a person to look at.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // each stands alone; in this order the screenshots tell the story
class DashboardBrowserTest {
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final int LIAR = 3;
  private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

  @TempDir
  static Path dataDir;
  @TempDir
  static Path profileDir;
  static Devnet devnet;
  static HeadlessChromium chromium;
  WebDriver page;

  @BeforeAll
  static void startDevnetAndBrowser() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.CHROMIUM),
        "Debian's chromium is not installed (.ci/run installs it): apt-get install chromium chromium-driver");
    devnet = Devnet.start(DevnetOptions.anyFreePorts(dataDir, 4));
    awaitTallyServing(devnet.gatewayUrl() + "/api/tallies/demo");
    chromium = new HeadlessChromium(profileDir, Path.of("target", "screenshots"));
  }

  /**
   * The tally app answers 503 until Kafka Streams runs; a person opens the dashboard of a running
   * devnet, so the page is opened once the tallies are served.
   */
  private static void awaitTallyServing(String tallyUrl) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(URI.create(tallyUrl)).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(SETTLE);
    while (http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
      assertTrue(Instant.now().isBefore(deadline), "the tally was not served within " + SETTLE.toSeconds() + " s");
      Thread.sleep(200); // polling: the tally is asked again after each pause
    }
  }

  @AfterAll
  static void stopBrowserAndDevnet() {
    if (chromium != null) {
      chromium.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  @BeforeEach
  void openDashboard() {
    page = chromium.driver();
    page.get(devnet.gatewayUrl() + "/");
    await("the page's live stream is connected",
        p -> "live".equals(p.findElement(By.id("live-status")).getAttribute("data-state")));
  }

  @Test
  @Order(1)
  void aVoteCastFromThePageBecomesFinalAndMovesItsTallyBar() {
    long bobBefore = count(tallyBar("bob"));

    byTestId("key-generate").click();
    await("the page made a voter key", p -> byTestId("voter-id").getText().matches("[A-Za-z0-9_-]{43}"));
    new Select(byTestId("vote-election")).selectByValue("demo");
    new Select(byTestId("vote-candidate")).selectByValue("bob");
    byTestId("vote-submit").click();

    await("the vote is final and accepted", p -> "accepted".equals(byTestId("vote-status").getAttribute("data-status")));
    assertTrue(byTestId("vote-status").getText().startsWith("Accepted"), byTestId("vote-status").getText());
    await("bob's bar counts the vote", p -> count(tallyBar("bob")) == bobBefore + 1);
    chromium.screenshot("1-vote-accepted", HeadlessChromium.LAPTOP);
  }

  @Test
  @Order(2)
  void aReplicaSigningTwoPreparesForOneSlotAppearsAsADetectionAndIsMarkedRed() throws Exception {
    ReplicaApp honest = devnet.replicas().get(0);
    // A slot well above the ledger's height, so the lie cannot get in the way of real votes.
    long sequence = honest.height() + 100;
    new EquivocatingReplica(LIAR, KeyFile.load(devnet.files().keyFile(LIAR)))
        .signTwoPrepares(devnet.bootstrapServers(), Topics.unprefixed().consensus(), 0, sequence);

    await("a detection of replica " + LIAR + " appears",
        p -> !p.findElements(By.cssSelector("[data-testid=detection][data-accused='" + LIAR + "']")).isEmpty());
    WebElement detection = page.findElement(By.cssSelector("[data-testid=detection][data-accused='" + LIAR + "']"));
    assertTrue(detection.getText().contains("Replica " + LIAR + " equivocated"), detection.getText());
    assertTrue(detection.getText().contains("sequence " + sequence), detection.getText());

    // The cluster table is redrawn from each live snapshot, so its cells are read afresh on every poll.
    By liarMark = By.cssSelector("[data-testid=cluster-row][data-replica='" + LIAR + "'][data-accused]"
        + " [data-testid=accused-mark]");
    await("replica " + LIAR + "'s row carries a red mark", p -> isRed(p.findElement(liarMark).getCssValue("color")));
    assertEquals(1, page.findElements(By.cssSelector("[data-testid=cluster-row][data-accused]")).size(),
        "only the liar is marked");

    chromium.screenshot("2-detection", HeadlessChromium.LAPTOP);

    detection.findElement(By.cssSelector("[data-testid=detection-evidence] summary")).click();
    assertEquals(2, detection.findElements(By.cssSelector("[data-testid=evidence-message]")).size(),
        "both signed messages can be read");
    chromium.screenshot("3-evidence", HeadlessChromium.LAPTOP);
    chromium.screenshot("4-evidence-phone", HeadlessChromium.PHONE);
  }

  private WebElement byTestId(String id) {
    return page.findElement(By.cssSelector("[data-testid='" + id + "']"));
  }

  private WebElement tallyBar(String candidate) {
    return page.findElement(By.cssSelector("[data-testid=tally-bar][data-election=demo][data-candidate='"
        + candidate + "']"));
  }

  private static long count(WebElement bar) {
    return Long.parseLong(bar.getAttribute("data-count"));
  }

  private static boolean isRed(String cssColor) {
    Matcher rgb = RGB.matcher(cssColor);
    if (!rgb.find()) {
      return false;
    }
    int r = Integer.parseInt(rgb.group(1));
    int g = Integer.parseInt(rgb.group(2));
    int b = Integer.parseInt(rgb.group(3));
    return r >= 150 && g < 130 && b < 130;
  }

  /**
   * Polls the page until the condition holds. On time-out the page is saved as a screenshot, and
   * the failure names what was awaited.
   */
  private void await(String what, Function<WebDriver, Boolean> condition) {
    try {
      new WebDriverWait(page, SETTLE, Duration.ofMillis(200)).withMessage("waiting until " + what)
          .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      Path shot = chromium.screenshot("failed-waiting", HeadlessChromium.LAPTOP);
      throw new AssertionError("timed out after " + SETTLE.toSeconds() + " s waiting until " + what
          + "; the page is in " + shot.toAbsolutePath() + "; cluster rows: "
          + page.findElement(By.id("cluster-rows")).getAttribute("outerHTML"), e);
    }
  }
}
