package dev.armet.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which mappings let a filter park a request and resume it on an ASYNC dispatch. */
class AsyncDispatchCheckTest {
  private static FilterMappingView path(String name, boolean request, boolean async) {
    return new FilterMappingView(name, request, async, false);
  }

  @Test
  void selfMappedForAsync_nothingAfter_allowed() {
    assertThat(AsyncDispatchCheck.problem("armet", List.of(path("armet", true, true)))).isNull();
  }

  @Test
  void selfWithoutAsync_refused() {
    assertThat(AsyncDispatchCheck.problem("armet", List.of(path("armet", true, false))))
        .contains("'armet' is mapped for REQUEST without ASYNC");
  }

  @Test
  void selfTwice_oneWithoutAsync_refused() {
    assertThat(
            AsyncDispatchCheck.problem(
                "armet", List.of(path("armet", true, true), path("armet", true, false))))
        .isNotNull();
  }

  @Test
  void selfNotMapped_refused() {
    assertThat(AsyncDispatchCheck.problem("armet", List.of(path("other", true, true))))
        .contains("no mapping");
  }

  @Test
  void laterFilterWithoutAsync_refused_earlierOneAllowed() {
    assertThat(
            AsyncDispatchCheck.problem(
                "armet", List.of(path("armet", true, true), path("auth", true, false))))
        .contains("'auth' runs after 'armet'");
    assertThat(
            AsyncDispatchCheck.problem(
                "armet", List.of(path("log", true, false), path("armet", true, true))))
        .isNull();
  }

  @Test
  void laterFilterForErrorsOnly_allowed() {
    assertThat(
            AsyncDispatchCheck.problem(
                "armet", List.of(path("armet", true, true), path("errors", false, false))))
        .isNull();
  }

  /** Servlet-name mappings run after every path mapping, wherever they are listed. */
  @Test
  void servletNameMappingListedEarlier_countsAsLater() {
    assertThat(
            AsyncDispatchCheck.problem(
                "armet",
                List.of(
                    new FilterMappingView("auth", true, false, true), path("armet", true, true))))
        .contains("'auth'");
  }
}
