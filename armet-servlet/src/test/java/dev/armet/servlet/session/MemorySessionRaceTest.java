package dev.armet.servlet.session;

import dev.armet.servlet.testing.SessionRaceContract;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.SessionStore;

/** The HTTP logout race on the in-memory store. */
class MemorySessionRaceTest extends SessionRaceContract {
  @Override
  protected SessionStore openStore() {
    return new MemorySessionStore();
  }

  @Override
  protected void closeStore() {}
}
