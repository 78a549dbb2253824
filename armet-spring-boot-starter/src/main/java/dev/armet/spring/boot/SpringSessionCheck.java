package dev.armet.spring.boot;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Spring Session and Armet sessions both replacing HttpSession would fight: refuse, naming both.
 */
final class SpringSessionCheck {
  static final String FILTER = "org.springframework.session.web.http.SessionRepositoryFilter";

  private SpringSessionCheck() {}

  static void refuseBoth(ListableBeanFactory beans, ClassLoader loader) {
    if (!ClassUtils.isPresent(FILTER, loader)) {
      return;
    }
    Class<?> type = ClassUtils.resolveClassName(FILTER, loader);
    if (beans.getBeanNamesForType(type, false, false).length > 0) {
      throw new ArmetConfigurationException(
          "armet.sessions.enabled",
          "Spring Session's"
              + " SessionRepositoryFilter and Armet sessions (armet.sessions.enabled=true, the default)"
              + " would both replace HttpSession, and one would silently lose the other's data",
          "set armet.sessions.enabled=false to keep Spring Session (spring.session.*), or remove"
              + " the spring-session dependency (or @EnableSpringHttpSession) to use Armet's"
              + " sessions",
          null);
    }
  }
}
