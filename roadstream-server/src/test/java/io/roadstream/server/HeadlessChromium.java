package io.roadstream.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's chromium, headless, driven by Debian's chromium-driver: a real browser for the dashboard tests. Nothing is
 * downloaded (Selenium Manager is not asked: both executables are given). The browser runs in UTC with English
 * formats at a fixed window size, so screenshots come out the same on every machine. Its console is recorded and can
 * be read with {@link #consoleErrors()}.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BROWSER = Path.of(System.getenv().getOrDefault("ROADSTREAM_TEST_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getenv().getOrDefault("ROADSTREAM_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  /**
   * Starts the browser.
   *
   * @throws AssertionError naming the packages to install when chromium or chromium-driver is missing: the dashboard
   *                        test fails then, it is never skipped
   */
  static HeadlessChromium start(int width, int height) {
    requireExecutable(BROWSER, "chromium", "ROADSTREAM_TEST_CHROMIUM");
    requireExecutable(DRIVER, "chromium-driver", "ROADSTREAM_TEST_CHROMEDRIVER");
    Path profile;
    try {
      profile = Files.createTempDirectory("roadstream-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a browser profile directory", e);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("TZ", "UTC", "LANG", "en_US.UTF-8"))
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    // as root in a container: no sandbox, no GPU, no /dev/shm; and nothing that talks to the internet by itself
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--lang=en-US",
        "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    try {
      return new HeadlessChromium(profile, service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw new AssertionError("chromium did not start through " + DRIVER + " (" + BROWSER + "): " + e.getMessage(), e);
    }
  }

  private static void requireExecutable(Path path, String debianPackage, String variable) {
    if (!Files.isExecutable(path)) {
      throw new AssertionError("The dashboard test needs a real browser: " + path + " is missing. Install Debian's "
          + "chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does it), or name "
          + "the " + debianPackage + " executable in " + variable + ".");
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The console's errors since the last call (the browser hands each entry out once). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** A PNG of the viewport. */
  byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a profile left in /tmp is harmless; the test's result does not depend on it
    }
  }
}
