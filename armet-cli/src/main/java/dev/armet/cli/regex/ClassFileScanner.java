package dev.armet.cli.regex;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Finds regex string constants in one class file (JVMS §4): the constant pool, each method's
 * bytecode (a small abstract stack of the constants pushed since the last unknown instruction,
 * enough for {@code ldc "x"; invokestatic Pattern.compile}, {@code aload; ldc; ldc; invokevirtual
 * String.replaceAll} and {@code ldc; bipush; invokestatic Pattern.compile(String,int)}), its
 * line-number table, and the {@code regexp} element of {@code @Pattern}/{@code @Email} annotations
 * on the class, fields, methods and parameters.
 */
final class ClassFileScanner {
  /**
   * owner/name(descriptor) → index of the regex argument counted from the top of the stack, and
   * flags argument.
   */
  private static final Map<String, int[]> CALLS =
      Map.of(
          "java/util/regex/Pattern.compile(Ljava/lang/String;)Ljava/util/regex/Pattern;",
              new int[] {0, -1},
          "java/util/regex/Pattern.compile(Ljava/lang/String;I)Ljava/util/regex/Pattern;",
              new int[] {1, 0},
          "java/util/regex/Pattern.matches(Ljava/lang/String;Ljava/lang/CharSequence;)Z",
              new int[] {1, -1},
          "java/lang/String.matches(Ljava/lang/String;)Z", new int[] {0, -1},
          "java/lang/String.split(Ljava/lang/String;)[Ljava/lang/String;", new int[] {0, -1},
          "java/lang/String.split(Ljava/lang/String;I)[Ljava/lang/String;", new int[] {1, -1},
          "java/lang/String.replaceAll(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
              new int[] {1, -1},
          "java/lang/String.replaceFirst(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
              new int[] {1, -1});

  private final String file;
  private final List<FoundRegex> out;
  private Object[] pool;
  private int[] tags;
  private String className;

  private ClassFileScanner(String file, List<FoundRegex> out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Names one of which a class must mention to hold a regex we look for (checked on the raw bytes).
   */
  private static final byte[][] NEEDLES = {
    bytes("regex/Pattern"),
    bytes("matches"),
    bytes("split"),
    bytes("replaceAll"),
    bytes("replaceFirst"),
    bytes("/Pattern;"),
    bytes("/Email;")
  };

  /**
   * Adds the regexes of {@code bytes} to {@code out}; a malformed class is skipped with its reason.
   */
  static void scan(byte[] bytes, String file, List<FoundRegex> out) throws IOException {
    if (mentionsRegex(bytes)) { // most classes do not: skip parsing them
      new ClassFileScanner(file, out).read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
  }

  static boolean mentionsRegex(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      for (byte[] needle : NEEDLES) {
        if (bytes[i] == needle[0]
            && i + needle.length <= bytes.length
            && startsWith(bytes, i, needle)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] needle) {
    for (int j = 1; j < needle.length; j++) {
      if (bytes[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private void read(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    readPool(in);
    in.readUnsignedShort(); // access
    className = classNameAt(in.readUnsignedShort()).replace('/', '.');
    in.readUnsignedShort(); // super
    int interfaces = in.readUnsignedShort();
    in.skipNBytes(2L * interfaces);
    for (int kind = 0; kind < 2; kind++) { // fields, then methods
      int count = in.readUnsignedShort();
      for (int i = 0; i < count; i++) {
        in.readUnsignedShort();
        String name = utf8(in.readUnsignedShort());
        in.readUnsignedShort(); // descriptor
        attributes(in, name);
      }
    }
    attributes(in, null);
  }

  private void readPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    pool = new Object[count];
    tags = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3 -> pool[i] = in.readInt();
        case 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> pool[i] = in.readUnsignedShort();
        case 9, 10, 11, 12, 17, 18 ->
            pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant-pool tag " + tag + " at " + i);
      }
    }
  }

  private void attributes(DataInputStream in, String member) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      String name = utf8(in.readUnsignedShort());
      int length = in.readInt();
      byte[] body = in.readNBytes(length);
      DataInputStream a = new DataInputStream(new ByteArrayInputStream(body));
      switch (name) {
        case "Code" -> code(a, member);
        case "RuntimeVisibleAnnotations", "RuntimeInvisibleAnnotations" -> annotations(a, member);
        case "RuntimeVisibleParameterAnnotations", "RuntimeInvisibleParameterAnnotations" -> {
          int params = a.readUnsignedByte();
          for (int p = 0; p < params; p++) {
            annotations(a, member);
          }
        }
        default -> {}
      }
    }
  }

  private void code(DataInputStream in, String method) throws IOException {
    in.readUnsignedShort();
    in.readUnsignedShort();
    byte[] code = in.readNBytes(in.readInt());
    int handlers = in.readUnsignedShort();
    in.skipNBytes(8L * handlers);
    int[] lines = lineTable(in);
    Deque<Object> stack = new ArrayDeque<>();
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xff;
      int length = Bytecode.length(code, pc);
      switch (op) {
        case 0x12 -> push(stack, pool[code[pc + 1] & 0xff], tags[code[pc + 1] & 0xff]);
        case 0x13 -> push(stack, pool[u2(code, pc + 1)], tags[u2(code, pc + 1)]);
        case 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 -> stack.push(op - 0x03);
        case 0x10 -> stack.push((int) code[pc + 1]);
        case 0x11 -> stack.push((int) (short) u2(code, pc + 1));
        case 0x15, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x2a, 0x2b, 0x2c, 0x2d, 0xb2 ->
            stack.push(Unknown.VALUE); // loads, getstatic
        case 0xb6, 0xb8 -> {
          int[] ref = (int[]) pool[u2(code, pc + 1)];
          String key = classNameAt(ref[0]) + "." + nameAndType(ref[1]);
          int[] call = CALLS.get(key);
          Object[] top = stack.toArray();
          if (call != null && top.length > call[0] && top[call[0]] instanceof String regex) {
            int flags =
                call[1] >= 0 && top.length > call[1] && top[call[1]] instanceof Integer f ? f : 0;
            String owner = key.substring(0, key.indexOf('('));
            String via = owner.substring(owner.lastIndexOf('/') + 1);
            out.add(new FoundRegex(regex, flags, file, className, method, lineAt(lines, pc), via));
          }
          stack.clear();
        }
        default -> stack.clear();
      }
      pc += length;
    }
  }

  private void push(Deque<Object> stack, Object constant, int tag) {
    stack.push(tag == 8 ? utf8((Integer) constant) : tag == 3 ? constant : Unknown.VALUE);
  }

  private int[] lineTable(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    int[] lines = new int[0];
    for (int i = 0; i < count; i++) {
      String name = utf8(in.readUnsignedShort());
      byte[] body = in.readNBytes(in.readInt());
      if (name.equals("LineNumberTable")) {
        DataInputStream t = new DataInputStream(new ByteArrayInputStream(body));
        int n = t.readUnsignedShort();
        lines = new int[2 * n];
        for (int j = 0; j < n; j++) {
          lines[2 * j] = t.readUnsignedShort();
          lines[2 * j + 1] = t.readUnsignedShort();
        }
      }
    }
    return lines;
  }

  private static int lineAt(int[] lines, int pc) {
    int best = 0;
    int bestPc = -1;
    for (int i = 0; i < lines.length; i += 2) {
      if (lines[i] <= pc && lines[i] > bestPc) {
        bestPc = lines[i];
        best = lines[i + 1];
      }
    }
    return best;
  }

  private void annotations(DataInputStream in, String member) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      annotation(in, member);
    }
  }

  private void annotation(DataInputStream in, String member) throws IOException {
    String type = utf8(in.readUnsignedShort());
    boolean regexAnnotation = type.endsWith("/Pattern;") || type.endsWith("/Email;");
    int pairs = in.readUnsignedShort();
    for (int i = 0; i < pairs; i++) {
      String element = utf8(in.readUnsignedShort());
      Object value = elementValue(in, member);
      if (regexAnnotation && element.equals("regexp") && value instanceof String regex) {
        String simple = type.substring(type.lastIndexOf('/') + 1, type.length() - 1);
        out.add(new FoundRegex(regex, 0, file, className, member, 0, "@" + simple + "(regexp)"));
      }
    }
  }

  private Object elementValue(DataInputStream in, String member) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 's' -> {
        return utf8(in.readUnsignedShort());
      }
      case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 'c' -> in.readUnsignedShort();
      case 'e' -> {
        in.readUnsignedShort();
        in.readUnsignedShort();
      }
      case '@' -> annotation(in, member);
      case '[' -> {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
          elementValue(in, member);
        }
      }
      default -> throw new IOException("unknown annotation element tag " + (char) tag);
    }
    return null;
  }

  private String utf8(int index) {
    return (String) pool[index];
  }

  private String classNameAt(int index) {
    return utf8((Integer) pool[index]);
  }

  private String nameAndType(int index) {
    int[] nt = (int[]) pool[index];
    return utf8(nt[0]) + utf8(nt[1]);
  }

  static int u2(byte[] code, int at) {
    return ((code[at] & 0xff) << 8) | (code[at + 1] & 0xff);
  }

  /** A stack slot whose value is not a constant. */
  private enum Unknown {
    VALUE
  }
}
