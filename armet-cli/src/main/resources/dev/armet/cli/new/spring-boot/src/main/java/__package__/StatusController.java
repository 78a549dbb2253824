package @@PACKAGE@@;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: {@code {"status":"ok","signedIn":…,"user":…}} as JSON. */
@RestController
class StatusController {
  record Status(String status, boolean signedIn, String user) {}

  @GetMapping("/api/status")
  Status status(HttpServletRequest request) {
    String user = PageModel.user(request).orElse(null);
    return new Status("ok", user != null, user);
  }
}
