package @@PACKAGE@@;

import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.ClientAddressRequest;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-up, sign-in and sign-out. Sign-in asks the throttle first, so a locked-out guesser costs
 * no hashing (429 with {@code Retry-After}); every failure shows one message; success gives
 * the session a new id (session fixation). Passwords are never logged or echoed, and live in
 * a {@code char[]} cleared after use.
 */
@Controller
class AccountController {
  static final String FAILED = "Wrong username or password.";
  /** NIST SP 800-63B: at least 12 characters here, no composition rules, long passphrases welcome. */
  static final int MIN_PASSWORD = 12;
  private static final int MAX_PASSWORD = 1024;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

  private final Accounts accounts;
  private final LoginThrottle throttle;

  AccountController(Accounts accounts, LoginThrottle throttle) {
    this.accounts = accounts;
    this.throttle = throttle;
  }

  @GetMapping("/signup")
  String signupForm() {
    return "signup";
  }

  @PostMapping("/signup")
  String signup(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    String name = username.strip().toLowerCase(Locale.ROOT);
    String problem = !USERNAME.matcher(name).matches()
        ? "A username is 3 to 32 lower-case letters, digits, dots, dashes or underscores."
        : password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD
            ? "A password is at least " + MIN_PASSWORD + " characters; a few words make a good one."
            : null;
    if (problem != null) {
      return page(response, model, HttpServletResponse.SC_BAD_REQUEST, "signup", problem);
    }
    char[] secret = password.toCharArray();
    boolean created;
    try {
      created = accounts.create(name, secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
    if (!created) {
      return page(response, model, HttpServletResponse.SC_CONFLICT, "signup", "That username is taken.");
    }
    signIn(request, name);
    return "redirect:/";
  }

  @GetMapping("/login")
  String loginForm() {
    return "login";
  }

  @PostMapping("/login")
  String login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    String name = username.strip().toLowerCase(Locale.ROOT);
    String address = ClientAddressRequest.of(request).rateLimitKey();
    LoginCheck check = throttle.check(name, address);
    if (!check.allowed()) {
      long seconds = Math.max(1, check.retryAfter().toSeconds());
      response.setHeader("Retry-After", Long.toString(seconds));
      return page(response, model, 429, "login", "Too many sign-in attempts. Try again in " + seconds + " seconds.");
    }
    char[] secret = password.toCharArray();
    boolean valid;
    try {
      valid = name.length() <= 32 && secret.length <= MAX_PASSWORD && accounts.verify(name, secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
    if (!valid) {
      throttle.failed(name, address);
      return page(response, model, HttpServletResponse.SC_OK, "login", FAILED);
    }
    throttle.succeeded(name, address);
    signIn(request, name);
    return "redirect:/";
  }

  /** Ends the session on the server (not only the cookie) and clears the browser's site data. */
  @PostMapping("/logout")
  String logout(HttpServletRequest request) {
    PageModel.session(request).invalidate();
    ArmetHeaders.of(request).clearSiteData();
    return "redirect:/";
  }

  private static void signIn(HttpServletRequest request, String username) {
    Session session = PageModel.session(request);
    session.regenerate(); // a new id: one planted before sign-in is worthless after it
    session.userId(username);
  }

  private static String page(HttpServletResponse response, Model model, int status, String view, String message) {
    response.setStatus(status);
    model.addAttribute("message", message);
    return view;
  }
}
