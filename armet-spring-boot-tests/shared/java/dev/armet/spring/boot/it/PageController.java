package dev.armet.spring.boot.it;

import dev.armet.servlet.ArmetFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The sample application's pages: a Thymeleaf page with a nonce'd script and a CSRF form. */
@Controller
public class PageController {
  @GetMapping("/")
  public String page(HttpServletRequest request, HttpSession session, Model model) {
    Object seen = session.getAttribute("count");
    long count = seen instanceof Number n ? n.longValue() + 1 : 1;
    session.setAttribute("count", count);
    model.addAttribute("count", count);
    model.addAttribute("nonce", request.getAttribute(ArmetFilter.CSP_NONCE));
    return "page";
  }

  @PostMapping("/notes")
  @ResponseBody
  public String note() {
    return "saved";
  }

  @GetMapping("/login")
  public String login() {
    return "login";
  }

  @GetMapping("/private")
  @ResponseBody
  public String secret(Principal user) {
    return "private page of " + (user == null ? "nobody" : user.getName());
  }
}
