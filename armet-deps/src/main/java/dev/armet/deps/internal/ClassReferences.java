package dev.armet.deps.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file names in its constant pool (JVMS §4.4): {@code CONSTANT_Class} entries
 * and the {@code L…;} types inside descriptors and signatures. What a class references by name, not
 * what it loads by reflection: a hint, never proof.
 */
public final class ClassReferences {
  private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([\\w/$]+)[;<]");

  private ClassReferences() {}

  /**
   * Adds the internal names ({@code a/b/C}) {@code classFile} refers to; ignores what is not a
   * class file.
   */
  public static void addTo(byte[] classFile, Set<String> out) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        return;
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classIndexes = new int[count];
      int classes = 0;
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classIndexes[classes++] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> {
            return;
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        String name = utf8[classIndexes[c]];
        if (name != null) {
          out.add(name.startsWith("[") ? name.replaceAll("^\\[+L?|;$", "") : name);
        }
      }
      for (String s : utf8) {
        if (s != null && s.indexOf(';') > 0) {
          Matcher m = DESCRIPTOR_TYPE.matcher(s);
          while (m.find()) {
            out.add(m.group(1));
          }
        }
      }
    } catch (IOException | RuntimeException malformed) {
      // Not a class file we can read: it contributes no reference.
    }
  }
}
