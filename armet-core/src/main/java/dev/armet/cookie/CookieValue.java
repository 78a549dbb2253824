package dev.armet.cookie;

/**
 * One cookie's value as a view of the Cookie header it came from ({@link
 * RequestCookies#value(String, int)}): no copy until {@link #toString()}.
 */
final class CookieValue implements CharSequence {
  private final String text;
  private final int from;
  private final int to;

  CookieValue(String text, int from, int to) {
    this.text = text;
    this.from = from;
    this.to = to;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= to - from) {
      throw new IndexOutOfBoundsException(index);
    }
    return text.charAt(from + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > to - from || start > end) {
      throw new IndexOutOfBoundsException("subSequence(" + start + ", " + end + ")");
    }
    return text.substring(from + start, from + end);
  }

  @Override
  public String toString() {
    return text.substring(from, to);
  }
}
