package dev.armet.server;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Switches the whole process to an unprivileged user through glibc's {@code setgroups}, {@code
 * setgid} and {@code setuid} (Java's FFM API). The glibc functions, not the raw system calls: glibc
 * applies a credential change to every thread of the process, and the JVM already runs a dozen.
 * Order matters: groups first, while still root; the user last.
 *
 * <p>Assumes Linux on a 64-bit ABI ({@code struct passwd}/{@code group} offsets below).
 */
final class PrivilegeDrop {
  /** A user and group id to switch to. */
  record Target(String user, int uid, String group, int gid) {}

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final long PW_UID = 16;
  private static final long PW_GID = 20;
  private static final long GR_GID = 16;

  private PrivilegeDrop() {}

  /** Looks up {@code user} (and {@code group}, or the user's primary group when null). */
  static Target resolve(String user, String group) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pw =
          (MemorySegment)
              handle("getpwnam", FunctionDescriptor.of(ADDRESS, ADDRESS), false)
                  .invokeExact(arena.allocateFrom(user));
      if (pw.equals(MemorySegment.NULL)) {
        throw new IllegalArgumentException("server.user: no such user '" + user + "'");
      }
      pw = pw.reinterpret(64);
      int uid = pw.get(JAVA_INT, PW_UID);
      int gid = pw.get(JAVA_INT, PW_GID);
      String groupName = group;
      if (group != null) {
        MemorySegment gr =
            (MemorySegment)
                handle("getgrnam", FunctionDescriptor.of(ADDRESS, ADDRESS), false)
                    .invokeExact(arena.allocateFrom(group));
        if (gr.equals(MemorySegment.NULL)) {
          throw new IllegalArgumentException("server.group: no such group '" + group + "'");
        }
        gid = gr.reinterpret(64).get(JAVA_INT, GR_GID);
      } else {
        groupName = Integer.toString(gid);
      }
      if (uid == 0 || gid == 0) {
        throw new IllegalArgumentException(
            "server.user/server.group must not be root, was " + user + ":" + groupName);
      }
      return new Target(user, uid, groupName, gid);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot look up user '" + user + "': " + t, t);
    }
  }

  /** Drops every supplementary group, then sets the group, then the user; throws on any failure. */
  static void apply(Target target) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment errno = arena.allocate(CAPTURE);
      int rc =
          (int)
              handle("setgroups", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS), true)
                  .invokeExact(errno, 0L, MemorySegment.NULL);
      check(rc, errno, "setgroups(0, NULL)");
      rc =
          (int)
              handle("setgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true)
                  .invokeExact(errno, target.gid());
      check(rc, errno, "setgid(" + target.gid() + ")");
      rc =
          (int)
              handle("setuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true)
                  .invokeExact(errno, target.uid());
      check(rc, errno, "setuid(" + target.uid() + ")");
    } catch (IllegalStateException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("dropping privileges failed: " + t, t);
    }
  }

  private static void check(int rc, MemorySegment errno, String call) {
    if (rc != 0) {
      throw new IllegalStateException(
          call
              + " failed with errno "
              + (int) ERRNO.get(errno, 0L)
              + " (the process must start as root to switch users)");
    }
  }

  private static MethodHandle handle(
      String symbol, FunctionDescriptor descriptor, boolean captureErrno) {
    MemorySegment address =
        LINKER
            .defaultLookup()
            .find(symbol)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the C library has no " + symbol + "; not Linux/glibc?"));
    return captureErrno
        ? LINKER.downcallHandle(address, descriptor, Linker.Option.captureCallState("errno"))
        : LINKER.downcallHandle(address, descriptor);
  }
}
