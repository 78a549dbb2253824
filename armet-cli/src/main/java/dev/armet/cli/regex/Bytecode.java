package dev.armet.cli.regex;

/** Instruction lengths of the JVM instruction set (JVMS §6.5), enough to walk a method's code. */
final class Bytecode {
  private static final byte[] LENGTH = new byte[256];

  static {
    java.util.Arrays.fill(LENGTH, (byte) 1);
    for (int op :
        new int[] {
          0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc
        }) {
      LENGTH[op] = 2;
    }
    for (int op :
        new int[] {
          0x11, 0x13, 0x14, 0x84, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2, 0xa3,
          0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0,
          0xc1, 0xc6, 0xc7
        }) {
      LENGTH[op] = 3;
    }
    LENGTH[0xc5] = 4;
    for (int op : new int[] {0xb9, 0xba, 0xc8, 0xc9}) {
      LENGTH[op] = 5;
    }
  }

  private Bytecode() {}

  /** The length of the instruction at {@code pc}, including switch padding and {@code wide}. */
  static int length(byte[] code, int pc) {
    int op = code[pc] & 0xff;
    if (op == 0xaa || op == 0xab) { // tableswitch, lookupswitch
      int at = (pc + 4) & ~3;
      if (op == 0xaa) {
        int low = readInt(code, at + 4);
        int high = readInt(code, at + 8);
        return at - pc + 12 + 4 * (high - low + 1);
      }
      int pairs = readInt(code, at + 4);
      return at - pc + 8 + 8 * pairs;
    }
    if (op == 0xc4) { // wide
      return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
    }
    return LENGTH[op];
  }

  private static int readInt(byte[] code, int at) {
    return ((code[at] & 0xff) << 24)
        | ((code[at + 1] & 0xff) << 16)
        | ((code[at + 2] & 0xff) << 8)
        | (code[at + 3] & 0xff);
  }
}
