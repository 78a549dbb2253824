package dev.armet.deps.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-style line diff (LCS) of two small texts, for showing a pom change before it is made.
 */
public final class LineDiff {
  private LineDiff() {}

  public static String of(String name, String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>(List.of("--- " + name, "+++ " + name + " (armet deps fix)"));
    int i = 0;
    int j = 0;
    int lastShown = -1;
    List<String> context = new ArrayList<>();
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        context.add(" " + a.get(i));
        i++;
        j++;
        continue;
      }
      if (lastShown >= 0 || !context.isEmpty()) {
        int from = lastShown < 0 ? Math.max(0, context.size() - 2) : 0;
        if (lastShown >= 0 && context.size() > 4) {
          out.addAll(context.subList(0, 2));
          out.add("@@");
          from = context.size() - 2;
        } else if (lastShown < 0) {
          out.add("@@ line " + (i - (context.size() - from) + 1) + " @@");
        }
        out.addAll(context.subList(from, context.size()));
        context.clear();
      }
      if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add("+" + b.get(j++));
      } else {
        out.add("-" + a.get(i++));
      }
      lastShown = i;
    }
    out.addAll(context.subList(0, Math.min(2, context.size())));
    return String.join("\n", out) + "\n";
  }
}
