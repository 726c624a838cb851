package io.bftvote.cli.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver. Both paths are explicit, so Selenium
 * never runs Selenium Manager and nothing is downloaded: the browser is the system's.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Dimension LAPTOP = new Dimension(1280, 900);
  static final Dimension PHONE = new Dimension(390, 844);

  private final ChromeDriver driver;
  private final Path screenshots;

  HeadlessChromium(Path profileDir, Path screenshots) {
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.toAbsolutePath(),
            "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    this.screenshots = screenshots;
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The whole page at the given width: the window is made as tall as the page (plus its frame) first. */
  Path screenshot(String name, Dimension viewport) {
    driver.manage().window().setSize(viewport);
    long height = ((Number) ((JavascriptExecutor) driver)
        .executeScript("window.scrollTo(0, 0);"
            + " return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight")).longValue();
    driver.manage().window().setSize(new Dimension(viewport.width, (int) Math.max(viewport.height, height)));
    try {
      Files.createDirectories(screenshots);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path target = screenshots.resolve(name + ".png");
      Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save screenshot " + name, e);
    } finally {
      driver.manage().window().setSize(LAPTOP);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
