package dev.ebb.operator.html;

/** Text made safe for HTML: every character that could open a tag, an entity or leave an attribute is escaped. */
public final class Html {

  private Html() {
  }

  /** For element text and quoted attribute values alike. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
