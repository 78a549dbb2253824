package @@PACKAGE@@;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /}: the signed-in user's notes and a form to add one (anonymous visitors get links to
 * sign up or in). A note is stored as typed and escaped by the template when shown, so markup
 * in it stays text.
 */
@Controller
class NotesController {
  private final Notes notes;

  NotesController(Notes notes) {
    this.notes = notes;
  }

  @GetMapping("/")
  String home(HttpServletRequest request, Model model) {
    model.addAttribute("notes", PageModel.user(request).map(notes::latest).orElse(List.of()));
    return "home";
  }

  @PostMapping("/notes")
  String add(@RequestParam(defaultValue = "") String text, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    Optional<String> user = PageModel.user(request);
    if (user.isEmpty()) {
      return "redirect:/login";
    }
    String note = text.strip();
    if (note.isEmpty() || note.length() > Notes.MAX_LENGTH) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("message", "A note is 1 to " + Notes.MAX_LENGTH + " characters.");
      model.addAttribute("notes", notes.latest(user.get()));
      return "home";
    }
    notes.add(user.get(), note);
    return "redirect:/";
  }
}
