package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.json.Json;
import dev.armet.internal.json.JsonLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket, JSON messages): one tab,
 * navigated and scripted the way a user would click through it. Every wait is bounded; there are no
 * sleeps. Needs Debian's {@code chromium}; fails, saying how to install it, when absent.
 */
final class DevTools implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final JsonLimits LIMITS = JsonLimits.of(16 << 20, 64, 8 << 20);

  private final Process browser;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending =
      new ConcurrentHashMap<>();
  private final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
  private String session;

  private DevTools(Process browser, String endpoint) throws Exception {
    this.browser = browser;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(endpoint), new Listener())
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Starts Chromium with a fresh profile in {@code profile} and opens one tab. */
  static DevTools launch(Path profile) throws Exception {
    List<String> command = headless(profile);
    command.add("--remote-debugging-port=0");
    command.add("about:blank");
    Process browser =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(browser, endpoint), "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      DevTools tools = new DevTools(browser, endpoint.get(WAIT_SECONDS, TimeUnit.SECONDS));
      Map<String, Object> target = tools.call("Target.createTarget", Map.of("url", "about:blank"));
      Map<String, Object> attached =
          tools.call(
              "Target.attachToTarget", Map.of("targetId", target.get("targetId"), "flatten", true));
      tools.session = (String) attached.get("sessionId");
      tools.call("Page.enable", Map.of());
      tools.call("Page.setLifecycleEventsEnabled", Map.of("enabled", true));
      return tools;
    } catch (Exception e) {
      browser.destroyForcibly();
      throw e;
    }
  }

  /** Navigates the tab to {@code url} and waits for that document's load event. */
  void navigate(String url) throws Exception {
    events.clear();
    Map<String, Object> started = call("Page.navigate", Map.of("url", url));
    awaitLoad((String) started.get("loaderId"));
  }

  /** Starts navigating to {@code url} without waiting (a page that moves on by itself). */
  void open(String url) throws Exception {
    events.clear();
    call("Page.navigate", Map.of("url", url));
  }

  /**
   * Runs {@code script}, which navigates the page (submits a form), and waits until {@code url} has
   * loaded.
   */
  void runAndAwaitPage(String script, String url) throws Exception {
    events.clear();
    evaluate(script);
    awaitPage(url);
  }

  /**
   * Waits until a document from {@code url} is in the tab and has loaded. Load events are matched
   * to their document by loader id, so a late event of the page before is never taken for it.
   */
  void awaitPage(String url) throws Exception {
    String loader = null;
    while (loader == null) {
      Map<?, ?> params = nextEvent("Page.frameNavigated");
      if (params != null) {
        Map<?, ?> frame = (Map<?, ?>) params.get("frame");
        if (!frame.containsKey("parentId") && url.equals(frame.get("url"))) {
          loader = (String) frame.get("loaderId");
        }
      }
    }
    awaitLoad(loader);
  }

  /** The value of {@code expression} in the page (CSP does not apply to DevTools). */
  Object evaluate(String expression) throws Exception {
    Map<String, Object> result =
        call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    assertThat(result)
        .as("script failed: %s", result.get("exceptionDetails"))
        .doesNotContainKey("exceptionDetails");
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) result.get("result");
    return value.get("value");
  }

  /**
   * Ignores the page's Content-Security-Policy, so only the escaping stands between a payload and a
   * run.
   */
  void bypassCsp() throws Exception {
    call("Page.setBypassCSP", Map.of("enabled", true));
  }

  /** Runs {@code script} in every new document before its own scripts. */
  void onNewDocument(String script) throws Exception {
    call("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
  }

  /** Sets a cookie for {@code url} as its server would have (Secure, HttpOnly). */
  void setCookie(String url, String name, String value) throws Exception {
    call(
        "Network.setCookie",
        Map.of(
            "url",
            url,
            "name",
            name,
            "value",
            value,
            "secure",
            true,
            "httpOnly",
            true,
            "path",
            "/"));
  }

  /** Removes every cookie of the browser. */
  void clearCookies() throws Exception {
    call("Network.clearBrowserCookies", Map.of());
  }

  /** Emulates a window {@code width} × {@code height} CSS pixels wide (a phone below 500). */
  void viewport(int width, int height) throws Exception {
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
  }

  /** Saves a PNG of the whole page to {@code file}. */
  void screenshot(Path file) throws Exception {
    Map<String, Object> shot =
        call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(file.getParent());
    Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
  }

  /** The tab's current DOM as HTML. */
  String html() throws Exception {
    return (String) evaluate("document.documentElement.outerHTML");
  }

  /** Waits for the load event of the document that {@code loader} is loading. */
  private void awaitLoad(String loader) throws InterruptedException {
    while (true) {
      Map<?, ?> params = nextEvent("Page.lifecycleEvent");
      if (params != null
          && "load".equals(params.get("name"))
          && loader.equals(params.get("loaderId"))) {
        return;
      }
    }
  }

  /** The parameters of the next event if it is a {@code method} event, else null. */
  private Map<?, ?> nextEvent(String method) throws InterruptedException {
    Map<String, Object> event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(event).as("a page event within %d s", WAIT_SECONDS).isNotNull();
    return method.equals(event.get("method")) ? (Map<?, ?>) event.get("params") : null;
  }

  private Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(Json.write(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    Map<String, Object> reply = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(reply).as("%s answered an error", method).doesNotContainKey("error");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) reply.get("result");
    return result;
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      browser.destroyForcibly();
      try {
        browser.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Headless Chromium as the project runs it (no network of its own, a fresh profile in {@code
   * profile}, the development certificate accepted), for callers to add their own arguments to.
   */
  static List<String> headless(Path profile) {
    return new ArrayList<>(
        List.of(
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + profile,
            // The development certificate is self-signed; the test trusts it the browser's way.
            "--ignore-certificate-errors"));
  }

  /** Debian's chromium (or a Chrome where it lives); says how to install it when absent. */
  static String chromium() {
    for (String candidate :
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the browser test needs Debian's chromium: apt-get install -y chromium "
            + "(.ci/run installs it)");
  }

  /**
   * Reads Chromium's stderr: the DevTools address, then everything else (so the pipe never fills).
   */
  private static void drain(Process browser, CompletableFuture<String> endpoint) {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          endpoint.complete(m.group(1));
        }
      }
      endpoint.completeExceptionally(new IOException("chromium exited without a DevTools address"));
    } catch (IOException e) {
      endpoint.completeExceptionally(e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        Map<String, Object> message;
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> parsed = (Map<String, Object>) Json.parse(text.toString(), LIMITS);
          message = parsed;
        } catch (RuntimeException e) { // fail the waiting call at once instead of at its timeout
          pending.values().forEach(p -> p.completeExceptionally(e));
          message = Map.of();
        }
        text.setLength(0);
        if (message.get("id") instanceof Number id) {
          CompletableFuture<Map<String, Object>> answer = pending.remove(id.intValue());
          if (answer != null) {
            answer.complete(message);
          }
        } else if (message.get("method") instanceof String) {
          events.add(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
