package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import org.junit.jupiter.api.Test;

/** The demo account exists in development only, and the sign-in page says which mode it is in. */
class DemoAccountsTest {
  @Test
  void production_hasNoAccount_andThePageSaysSo() {
    DemoAccounts production = DemoAccounts.forEnvironment(ArmetEnvironment.PRODUCTION);
    assertThat(production.isEmpty()).isTrue();
    assertThat(production.verify(DemoAccounts.DEMO_USER, DemoAccounts.DEMO_PASSWORD.toCharArray())).isFalse();
    String page = LoginPage.render(new LoginPage.Model(null, false, new PageLayout.CsrfField("_csrf", "t"), null));
    assertThat(page).contains("the demo has no account at all").doesNotContain(DemoAccounts.DEMO_PASSWORD);
  }

  @Test
  void development_hasTheDemoAccount_only() {
    DemoAccounts development = DemoAccounts.forEnvironment(ArmetEnvironment.DEVELOPMENT);
    assertThat(development.isEmpty()).isFalse();
    assertThat(development.verify("demo", "armet-demo-password".toCharArray())).isTrue();
    assertThat(development.verify("demo", "armet-demo-password ".toCharArray())).isFalse();
    assertThat(development.verify("admin", "armet-demo-password".toCharArray())).isFalse();
  }
}
